// HaiCap's one page script (the Content-Security-Policy allows no inline script): marks the page
// as scripted before it is drawn, opens and closes the phone menu, and prints the legal slips.
document.documentElement.className += " js";
document.addEventListener("DOMContentLoaded", function () {
  (function () {
    var nav = document.getElementById('mainnav'), button = nav && nav.querySelector('.menu-toggle');
    if (!button) return;
    button.addEventListener('click', function () {
      var open = nav.classList.toggle('open');
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  })();
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
