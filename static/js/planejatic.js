// Comportamentos globais do PlanejaTIC (sem scripts inline, por causa da CSP).
(function () {
  var CHAVE = "planejatic-contraste";
  var raiz = document.documentElement;

  function sincronizarBotao() {
    var botao = document.getElementById("alternar-contraste");
    if (botao) botao.setAttribute("aria-pressed", raiz.classList.contains("alto-contraste") ? "true" : "false");
  }

  document.addEventListener("DOMContentLoaded", function () {
    sincronizarBotao();
    var botao = document.getElementById("alternar-contraste");
    if (botao) {
      botao.addEventListener("click", function () {
        var alto = raiz.classList.toggle("alto-contraste");
        try { window.localStorage.setItem(CHAVE, alto ? "alto" : "normal"); } catch (e) { /* ignora */ }
        sincronizarBotao();
      });
    }
    // Formsets em tabela (dsgov/table_inline_formset.html): "Acrescentar linha" copia a linha-modelo vazia,
    // quantas vezes a pessoa quiser antes de salvar (sem JS fica a linha em branco de sempre).
    document.querySelectorAll(".acrescentar-linha").forEach(function (botao) {
      var prefixo = botao.getAttribute("data-prefixo");
      var total = document.getElementById("id_" + prefixo + "-TOTAL_FORMS");
      var maximo = document.getElementById("id_" + prefixo + "-MAX_NUM_FORMS");
      var caixa = document.querySelector('[data-formset="' + prefixo + '"]');
      var modelo = caixa && caixa.querySelector("tr.formset-modelo");
      if (!total || !modelo) return;
      botao.hidden = false;
      botao.addEventListener("click", function () {
        var indice = Number(total.value);
        if (maximo && indice >= Number(maximo.value)) return;
        var linha = modelo.cloneNode(true);
        linha.classList.remove("d-none", "formset-modelo");
        linha.hidden = false;
        linha.innerHTML = linha.innerHTML.replace(/__prefix__/g, String(indice)).replace(/__numero__/g, String(indice + 1));
        modelo.parentNode.appendChild(linha);
        total.value = String(indice + 1);
        botao.disabled = maximo && indice + 1 >= Number(maximo.value);
        var primeiro = linha.querySelector("input:not([type=hidden]), select, textarea");
        if (primeiro) primeiro.focus();
      });
    });
    // Confirmação antes de ações destrutivas: <form data-confirmar="Texto da pergunta">
    document.querySelectorAll("form[data-confirmar]").forEach(function (form) {
      form.addEventListener("submit", function (evento) {
        if (!window.confirm(form.getAttribute("data-confirmar"))) evento.preventDefault();
      });
    });
  });
})();
