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
    // Confirmação antes de ações destrutivas: <form data-confirmar="Texto da pergunta">
    document.querySelectorAll("form[data-confirmar]").forEach(function (form) {
      form.addEventListener("submit", function (evento) {
        if (!window.confirm(form.getAttribute("data-confirmar"))) evento.preventDefault();
      });
    });
  });
})();
