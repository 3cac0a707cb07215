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
    // Tabela larga rola dentro da sua caixa, não a página inteira: a que ainda não está numa caixa que rola
    // ganha uma (rótulo = a legenda da tabela); com rolagem, a caixa entra no Tab para rolar com as setas.
    var caixas = [];
    document.querySelectorAll("main table").forEach(function (tabela) {
      var caixa = tabela.parentElement;
      for (var a = caixa; a && a.tagName !== "MAIN"; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") { caixas.push(a); return; }
      }
      caixa = document.createElement("div");
      caixa.className = "tabela-rolavel";
      caixa.setAttribute("role", "region");
      var legenda = tabela.querySelector("caption");
      caixa.setAttribute("aria-label", (legenda && legenda.textContent.trim()) || "Tabela");
      tabela.parentNode.insertBefore(caixa, tabela);
      caixa.appendChild(tabela);
      caixas.push(caixa);
    });
    function focarCaixasQueRolam() {
      caixas.forEach(function (caixa) {
        if (caixa.hasAttribute("data-tabindex-fixo")) return;
        if (caixa.scrollWidth > caixa.clientWidth + 1) caixa.setAttribute("tabindex", "0");
        else if (caixa.getAttribute("tabindex") === "0" && caixa.hasAttribute("data-rolagem-auto")) caixa.removeAttribute("tabindex");
      });
    }
    caixas.forEach(function (caixa) {
      if (caixa.hasAttribute("tabindex")) caixa.setAttribute("data-tabindex-fixo", "");
      else caixa.setAttribute("data-rolagem-auto", "");
    });
    focarCaixasQueRolam();
    window.addEventListener("resize", focarCaixasQueRolam);
    // Resumo de erros no topo (templates/_resumo_erros.html): recebe o foco; cada link leva ao seu campo.
    var resumo = document.getElementById("resumo-erros");
    if (resumo) {
      resumo.focus();
      resumo.addEventListener("click", function (evento) {
        var link = evento.target.closest("a[data-campo]");
        var campo = link && document.getElementById(link.getAttribute("data-campo"));
        if (!campo) return;
        evento.preventDefault();
        for (var bloco = campo.closest("[hidden]"); bloco; bloco = bloco.parentElement.closest("[hidden]")) bloco.hidden = false;
        campo.focus();
        campo.scrollIntoView({block: "center"});
      });
    }
    // Menu lateral recolhido no celular (CSS: html.com-js, até 768 px): o botão do cabeçalho o abre e fecha;
    // o atalho "Ir para o menu" também o abre.
    var menu = document.getElementById("menu-principal");
    var abrirMenu = document.getElementById("abrir-menu");
    function mostrarMenu(aberto) {
      menu.classList.toggle("aberto", aberto);
      abrirMenu.setAttribute("aria-expanded", aberto ? "true" : "false");
    }
    if (menu && abrirMenu) {
      abrirMenu.addEventListener("click", function () {
        var aberto = !menu.classList.contains("aberto");
        mostrarMenu(aberto);
        if (aberto) { var primeiro = menu.querySelector("a"); if (primeiro) primeiro.focus(); }
      });
      document.querySelectorAll('a[href="#menu-principal"]').forEach(function (atalho) {
        atalho.addEventListener("click", function () { mostrarMenu(true); });
      });
      document.addEventListener("keydown", function (evento) {
        if (evento.key === "Escape" && menu.classList.contains("aberto")) { mostrarMenu(false); abrirMenu.focus(); }
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
      botao.disabled = maximo && Number(total.value) >= Number(maximo.value);
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
