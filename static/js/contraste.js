// Executa no <head>: aplica a preferência de alto contraste antes da primeira pintura.
(function () {
  try {
    if (window.localStorage.getItem("planejatic-contraste") === "alto") {
      document.documentElement.classList.add("alto-contraste");
    }
  } catch (e) { /* armazenamento indisponível: mantém o contraste normal */ }
})();
