// Contratações: Fator-K padrão do mapa e justificativa revelada quando o K adotado difere (sem script inline).
(function () {
  function numero(texto) {
    var limpo = String(texto || "").trim().replace(/\./g, "").replace(",", ".");
    return limpo === "" ? null : Number(limpo);
  }

  function kDoMapa(linha) {
    var select = linha.querySelector(".campo-perfil");
    var opcao = select && select.options[select.selectedIndex];
    return opcao ? opcao.getAttribute("data-fator-k") : null;
  }

  function atualizarJustificativa(linha) {
    var bloco = linha.querySelector(".bloco-justificativa");
    var campoK = linha.querySelector(".campo-fator-k");
    if (!bloco || !campoK) return;
    var mapa = kDoMapa(linha);
    var k = numero(campoK.value);
    var texto = bloco.querySelector("textarea");
    var difere = mapa !== null && k !== null && Math.abs(k - Number(mapa)) > 0.0001;
    bloco.hidden = !(difere || (texto && texto.value.trim() !== ""));
  }

  document.addEventListener("change", function (evento) {
    var alvo = evento.target;
    if (!alvo.classList || !alvo.classList.contains("campo-perfil")) return;
    var linha = alvo.closest("tr");
    var campoK = linha.querySelector(".campo-fator-k");
    var anterior = alvo.getAttribute("data-k-anterior");
    var mapa = kDoMapa(linha);
    // O K do mapa entra por padrão; um K digitado pela equipe não é apagado.
    if (campoK && mapa && (campoK.value.trim() === "" || numero(campoK.value) === numero(anterior))) {
      campoK.value = mapa.replace(".", ",");
    }
    alvo.setAttribute("data-k-anterior", mapa || "");
    atualizarJustificativa(linha);
  });

  document.addEventListener("input", function (evento) {
    var alvo = evento.target;
    if (alvo.classList && alvo.classList.contains("campo-fator-k")) atualizarJustificativa(alvo.closest("tr"));
  });

  document.addEventListener("focusin", function (evento) {
    var alvo = evento.target;
    if (alvo.classList && alvo.classList.contains("campo-perfil") && !alvo.hasAttribute("data-k-anterior")) {
      alvo.setAttribute("data-k-anterior", kDoMapa(alvo.closest("tr")) || "");
    }
  });

  // Depois de incluir ou tirar uma linha, o foco vai para onde o teclado espera continuar.
  var ultimaAcao = null;
  document.addEventListener("click", function (evento) {
    var botao = evento.target.closest && evento.target.closest("#adicionar-linha, .remover-linha");
    if (botao) ultimaAcao = botao.id === "adicionar-linha" ? "adicionar" : "remover";
  });
  document.addEventListener("htmx:afterSettle", function (evento) {
    if (!ultimaAcao || !evento.detail.elt || evento.detail.elt.id !== "tabela-linhas") return;
    var tabela = document.getElementById("tabela-linhas");
    var selects = tabela.querySelectorAll(".campo-perfil");
    if (ultimaAcao === "adicionar" && selects.length) selects[selects.length - 1].focus();
    else document.getElementById("adicionar-linha").focus();
    ultimaAcao = null;
  });

  document.addEventListener("DOMContentLoaded", function () {
    var imprimir = document.getElementById("imprimir-os");
    if (imprimir) imprimir.addEventListener("click", function () { window.print(); });
  });
})();

// Item: a versão do catálogo só interessa a itens de catálogo (serviços de nuvem ou profissionais), e só as
// versões do catálogo do tipo escolhido ficam à escolha.
(function () {
  function ajustarCatalogo() {
    var tipo = document.getElementById("id_tipo");
    var bloco = document.getElementById("div_id_catalogo");
    if (!tipo || !bloco) return;
    bloco.hidden = tipo.value !== "nuvem" && tipo.value !== "profissionais";
    var select = document.getElementById("id_catalogo");
    if (!select) return;
    Array.prototype.forEach.call(select.options, function (opcao) {
      var tipoDaOpcao = opcao.getAttribute("data-tipo");
      opcao.hidden = tipoDaOpcao !== null && tipoDaOpcao !== tipo.value;
    });
    var escolhida = select.options[select.selectedIndex];
    if (escolhida && escolhida.hidden) select.value = "";
  }
  document.addEventListener("change", function (evento) {
    if (evento.target && evento.target.id === "id_tipo") ajustarCatalogo();
  });
  document.addEventListener("DOMContentLoaded", ajustarCatalogo);
})();
