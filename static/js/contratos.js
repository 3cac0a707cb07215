// Contratações: Fator-K padrão do mapa e justificativa revelada quando o K adotado difere (sem script inline).
(function () {
  // O que a pessoa digita, como o servidor lê (DecimalField localizado): "2,12", "1.234,56"; "2.12" com um só
  // ponto e sem 3 casas depois dele também é decimal.
  function numero(texto) {
    var limpo = String(texto || "").trim();
    if (limpo === "") return null;
    if (limpo.indexOf(",") >= 0) limpo = limpo.replace(/\./g, "").replace(",", ".");
    else if (!/^[^.]*\.[^.]*$/.test(limpo) || /\.\d{3}$/.test(limpo)) limpo = limpo.replace(/\./g, "");
    var valor = Number(limpo);
    return isNaN(valor) ? null : valor;
  }

  // O K do mapa vem em data-fator-k sempre com ponto decimal ("2.12"): nunca passa por numero().
  function kDaOpcao(opcao) {
    var k = opcao ? opcao.getAttribute("data-fator-k") : null;
    return k ? Number(k) : null;
  }

  function kDoMapa(linha) {
    var select = linha.querySelector(".campo-perfil");
    if (select && aCompletar(select)) completar(select);  // antes da sua vez na fila
    return select ? kDaOpcao(select.options[select.selectedIndex]) : null;
  }

  // O K da linha, pelo nome (linhas-N-fator_k): sem uma classe repetida em 500 linhas.
  function campoDoK(linha) {
    return linha.querySelector('input[name$="-fator_k"]');
  }
  function eCampoDoK(campo) {
    return campo.tagName === "INPUT" && /-fator_k$/.test(campo.name || "");
  }

  function mesmoK(a, b) {
    return a !== null && b !== null && Math.abs(a - b) < 0.0001;
  }

  // A justificativa só vem na linha que a mostra (500 linhas × um campo escondido pesavam na página): as
  // outras a recebem do modelo (<template id="modelo-justificativa">, o formulário vazio do formset).
  function criarJustificativa(linha) {
    var modelo = document.getElementById("modelo-justificativa");
    var select = linha.querySelector(".campo-perfil");
    if (!modelo || !select) return null;
    var indice = select.name.split("-")[1];
    var caixa = document.createElement("div");
    caixa.innerHTML = modelo.innerHTML.split("__prefix__").join(indice);
    var bloco = caixa.firstElementChild;
    var texto = bloco.querySelector("textarea");
    // o rótulo da linha, como os outros campos dela ("... da linha 2", contratos/edicao/formularios.py)
    texto.setAttribute("aria-label", texto.getAttribute("aria-label") + " da linha " + (Number(indice) + 1));
    linha.cells[0].appendChild(bloco);
    return bloco;
  }

  function atualizarJustificativa(linha) {
    var bloco = linha.querySelector(".bloco-justificativa");
    var campoK = campoDoK(linha);
    if (!campoK) return;
    var mapa = kDoMapa(linha);
    var k = numero(campoK.value);
    var texto = bloco ? bloco.querySelector("textarea") : null;
    var difere = mapa !== null && campoK.value.trim() !== "" && !mesmoK(k, mapa);
    var mostrar = difere || (texto !== null && texto.value.trim() !== "");
    if (!bloco && mostrar) bloco = criarJustificativa(linha);
    if (bloco) bloco.hidden = !mostrar;
  }

  // Guarda o K do perfil escolhido, para saber na troca se o K da linha era o do mapa ou um digitado.
  function lembrarK(select) {
    var k = kDaOpcao(select.options[select.selectedIndex]);
    select.setAttribute("data-k-anterior", k === null ? "" : String(k));
  }

  // Um select ainda por completar só tem a opção escolhida, sem o K: completar() o lembra (500 escritas a
  // menos antes do load).
  function lembrarTodos(raiz) {
    var selects = (raiz || document).querySelectorAll(".campo-perfil");
    for (var i = 0; i < selects.length; i++) if (!aCompletar(selects[i])) lembrarK(selects[i]);
  }

  document.addEventListener("change", function (evento) {
    var alvo = evento.target;
    if (!alvo.classList || !alvo.classList.contains("campo-perfil")) return;
    var linha = alvo.closest("tr");
    var campoK = campoDoK(linha);
    var textoAnterior = alvo.getAttribute("data-k-anterior");
    var anterior = textoAnterior ? Number(textoAnterior) : null;
    var mapa = kDoMapa(linha);
    // O K segue o perfil escolhido; só um K digitado pela equipe (diferente do mapa do perfil anterior) fica.
    if (campoK && mapa !== null) {
      var k = numero(campoK.value);
      if (campoK.value.trim() === "" || k === null || mesmoK(k, anterior)) {
        campoK.value = mapa.toFixed(2).replace(".", ",");
      }
    }
    mostrarKDoMapa(linha, mapa);
    // "Escolha o perfil" (sem K) não apaga a lembrança: o K do mapa anterior continua reconhecível.
    if (mapa !== null) lembrarK(alvo);
    atualizarJustificativa(linha);
    // Na captura, antes do htmx: o total ao vivo disparado por esta mesma troca já leva o K novo.
  }, true);

  document.addEventListener("input", function (evento) {
    var alvo = evento.target;
    if (eCampoDoK(alvo)) atualizarJustificativa(alvo.closest("tr"));
  });

  // As opções de perfil vêm uma vez na página (<template id="opcoes-perfil">, nomeado pela tabela em
  // data-opcoes); cada select chega só com a escolhida e recebe aqui a lista inteira, mantendo o valor
  // (teclado e mouse usam o select nativo).
  var SELECTS = "[data-opcoes] select.campo-perfil";
  function aCompletar(select) {
    return !select.completo && select.matches(SELECTS);
  }
  function pendentes() {
    return Array.prototype.filter.call(document.querySelectorAll(SELECTS), aCompletar);
  }
  // Completar monta também o que não vem repetido em cada linha do HTML: o lugar do motivo de ficar fora do
  // total (o total ao vivo o troca pelo id; o servidor só o envia quando há motivo) e a dica do K do mapa.
  function completar(select) {
    var modelo = document.getElementById(select.closest("[data-opcoes]").getAttribute("data-opcoes"));
    if (!modelo) return;
    var valor = select.value;
    select.completo = true;
    select.replaceChildren(modelo.content.cloneNode(true));
    select.value = valor;
    lembrarK(select);  // o K do mapa está nas opções completas
    var linha = select.closest("tr");
    if (!linha.querySelector('[data-testid="motivo-linha"]')) {
      var motivo = document.createElement("div");
      motivo.id = "motivo-linha-" + select.name.split("-")[1];
      motivo.className = "motivo-linha";
      motivo.setAttribute("data-testid", "motivo-linha");
      var erro = select.parentElement.classList.contains("danger");  // o select com erro vem num br-input
      (erro ? select.parentElement : select).after(motivo);
    }
    mostrarKDoMapa(linha, kDaOpcao(select.options[select.selectedIndex]));
  }

  function mostrarKDoMapa(linha, k) {
    var dica = linha.querySelector(".k-do-mapa");
    var campoK = campoDoK(linha);
    if (!dica && campoK) {
      dica = document.createElement("span");
      dica.className = "k-do-mapa";
      campoK.closest("td").appendChild(dica);
    }
    if (dica) dica.textContent = k === null ? "" : "mapa: " + k.toFixed(2).replace(".", ",");
  }

  // Tabela pequena: completa já. Grande (centenas de linhas): em fatias depois do load, para a página abrir
  // antes; um select que recebe o foco ou o ponteiro antes da sua vez é completado na hora.
  var IMEDIATAS = 50;
  var FATIA = 100;
  function completarOpcoes() {
    var selects = pendentes();
    if (selects.length <= IMEDIATAS) {
      for (var i = 0; i < selects.length; i++) completar(selects[i]);
      return;
    }
    var inicio = 0;
    (function fatia() {
      for (var j = inicio; j < Math.min(inicio + FATIA, selects.length); j++) {
        if (aCompletar(selects[j])) completar(selects[j]);
      }
      inicio += FATIA;
      if (inicio < selects.length) setTimeout(fatia, 0);
    })();
  }
  function completarNaHora(evento) {
    var alvo = evento.target;
    if (alvo && alvo.matches && alvo.tagName === "SELECT" && aCompletar(alvo)) completar(alvo);
  }
  ["focusin", "pointerdown", "mouseover"].forEach(function (tipo) {
    document.addEventListener(tipo, completarNaHora, true);
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (pendentes().length <= IMEDIATAS) completarOpcoes();
    else window.addEventListener("load", completarOpcoes);
    lembrarTodos(document);
  });
  document.addEventListener("htmx:afterSwap", completarOpcoes);
  document.addEventListener("htmx:afterSettle", function (evento) { lembrarTodos(evento.detail.elt); });

  // Tirar uma linha: um só endereço na tabela (data-url-linhas) e o índice pela posição da linha, em vez de
  // um hx-post por linha; o envio leva o formulário inteiro, como o botão "Adicionar perfil".
  document.addEventListener("click", function (evento) {
    var botao = evento.target.closest && evento.target.closest("#tabela-linhas .remover-linha");
    var tabela = document.getElementById("tabela-linhas");
    if (!botao || !tabela || !window.htmx) return;
    var indice = botao.closest("tr").sectionRowIndex;
    var url = tabela.getAttribute("data-url-linhas") + "acao=remover&indice=" + indice;
    window.htmx.ajax("POST", url, { source: botao, target: "#tabela-linhas", swap: "outerHTML" });
  });

  // O total ao vivo devolve os totais e só as linhas que mudaram (custo, valor e motivo de uma linha só
  // dependem dela): cada alteração ganha um número de ordem e vai em "alteradas" até uma resposta que a
  // inclua chegar sem que ela tenha mudado de novo (uma resposta atropelada ou com erro não dá nada por
  // entregue). A tabela refeita (incluir ou tirar linha) já vem com todos os valores. Vale para as linhas
  // da OS e do item de catálogo (uma tabela por página).
  var TABELAS = "#tabela-linhas, #tabela-nuvem";
  var alteradas = new Map();
  var ordem = 0;
  function anotar(evento) {
    var partes = /^(?:linhas|nuvem)-(\d+)-/.exec(evento.target.name || "");
    if (partes && evento.target.closest(TABELAS)) alteradas.set(partes[1], ++ordem);
  }
  document.addEventListener("input", anotar, true);
  document.addEventListener("change", anotar, true);
  document.addEventListener("htmx:configRequest", function (evento) {
    var alvo = evento.detail.target;
    if (!alvo || (alvo.id !== "totais-os" && alvo.id !== "totais-nuvem")) return;
    evento.detail.enviadas = new Map(alteradas);
    evento.detail.parameters["alteradas"] = Array.from(alteradas.keys()).join(",");
  });
  document.addEventListener("htmx:afterRequest", function (evento) {
    var enviadas = evento.detail.requestConfig && evento.detail.requestConfig.enviadas;
    if (!enviadas || !evento.detail.successful) return;
    enviadas.forEach(function (numero, indice) {
      if (alteradas.get(indice) === numero) alteradas.delete(indice);
    });
  });
  document.addEventListener("htmx:afterSwap", function (evento) {
    if (evento.detail.elt && evento.detail.elt.matches(TABELAS)) alteradas.clear();
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
