// Executa no <head>: aplica a preferência de alto contraste (e marca que há JS) antes da primeira pintura.
(function () {
  // Com JS, o menu lateral pode ficar recolhido no celular (sem JS ele fica sempre aberto).
  document.documentElement.classList.add("com-js");
  try {
    if (window.localStorage.getItem("planejatic-contraste") === "alto") {
      document.documentElement.classList.add("alto-contraste");
    }
  } catch (e) { /* armazenamento indisponível: mantém o contraste normal */ }
})();
