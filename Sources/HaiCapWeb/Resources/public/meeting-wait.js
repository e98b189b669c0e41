// The waiting room: counts down to the time the video room opens for this person, then says so.
(function () {
  var box = document.getElementById("countdown");
  if (!box) return;
  var open = parseInt(box.getAttribute("data-open"), 10);
  var start = parseInt(box.getAttribute("data-start"), 10);
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.floor((open - Date.now()) / 1000);
    if (left <= 0) {
      box.textContent = Date.now() < start ? "Phòng họp đã mở cho Anh/Chị. Cuộc họp sắp bắt đầu." : "Cuộc họp đang diễn ra. Bấm «Vào phòng họp».";
      return;
    }
    var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
    box.textContent = "Phòng họp mở sau " + (d > 0 ? d + " ngày " : "") + two(h) + ":" + two(m) + ":" + two(s) + ".";
    setTimeout(tick, 1000);
  }
  tick();
})();
