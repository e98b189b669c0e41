// The 1022 location picker: a click on the server-drawn map sets the point (no inline script, see haicap.js).
(function () {
  var svg = document.querySelector('#pick-map svg'); if (!svg) return;
  var d = svg.dataset, minLat = +d.minLat, minLon = +d.minLon, maxLat = +d.maxLat, maxLon = +d.maxLon, pad = +d.padding;
  var w = svg.viewBox.baseVal.width, h = svg.viewBox.baseVal.height;
  var k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180), spanX = (maxLon - minLon) * k, spanY = maxLat - minLat;
  var fw = w - 2 * pad, fh = h - 2 * pad, s = Math.min(fw / spanX, fh / spanY);
  var ox = pad + (fw - spanX * s) / 2, oy = pad + (fh - spanY * s) / 2;
  var marker = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
  marker.setAttribute('r', '6'); marker.setAttribute('fill', '#d7301f'); marker.setAttribute('stroke', '#fff'); marker.setAttribute('stroke-width', '2');
  marker.setAttribute('class', 'picked');
  // The marker joins the map only once a place is chosen (never at the corner before a click).
  function place(lat, lon) {
    if (!isFinite(lat) || !isFinite(lon)) return;
    marker.setAttribute('cx', ox + (lon - minLon) * k * s); marker.setAttribute('cy', oy + (maxLat - lat) * s);
    if (!marker.parentNode) svg.appendChild(marker);
  }
  // "Xem khu vực" reloads the page on another area: what was typed is kept in this tab and put back.
  var form = document.getElementById('feedback-form'), key = 'haicap-phan-anh-nhap';
  try {
    var saved = JSON.parse(sessionStorage.getItem(key) || 'null');
    sessionStorage.removeItem(key);
    if (saved) Object.keys(saved).forEach(function (name) {
      var field = form.elements[name];
      if (!field || field.type === 'file' || field.type === 'hidden') return;
      if (field.type === 'checkbox') field.checked = saved[name] === '1'; else if (!field.value) field.value = saved[name];
    });
  } catch (e) {}
  document.getElementById('zoom-form').addEventListener('submit', function () {
    var draft = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === 'file' || field.type === 'hidden' || field.name === 'khu-vuc') return;
      if (field.type === 'checkbox') draft[field.name] = field.checked ? '1' : ''; else if (field.type !== 'radio') draft[field.name] = field.value;
    });
    try { sessionStorage.setItem(key, JSON.stringify(draft)); } catch (e) {}
  });
  if (document.getElementById('lat').value) place(+document.getElementById('lat').value, +document.getElementById('lon').value);
  svg.addEventListener('click', function (event) {
    var p = svg.createSVGPoint(); p.x = event.clientX; p.y = event.clientY;
    var q = p.matrixTransform(svg.getScreenCTM().inverse());
    var lon = minLon + (q.x - ox) / (k * s), lat = maxLat - (q.y - oy) / s;
    document.getElementById('lat').value = lat.toFixed(6); document.getElementById('lon').value = lon.toFixed(6);
    place(lat, lon); nearby();
  });
  function nearby() {
    var c = document.getElementById('category').value, lat = document.getElementById('lat').value, lon = document.getElementById('lon').value;
    var box = document.getElementById('nearby-live');
    if (!c || !lat || !lon) { box.textContent = ''; return; }
    fetch('/api/v1/feedback/nearby?category=' + encodeURIComponent(c) + '&lat=' + lat + '&lon=' + lon).then(function (r) { return r.ok ? r.json() : []; }).then(function (list) {
      box.textContent = '';
      if (!list.length) return;
      var p = document.createElement('p'); p.className = 'notice'; p.textContent = 'Có ' + list.length + ' phản ánh cùng lĩnh vực đang xử lý gần đây:'; box.appendChild(p);
      var ul = document.createElement('ul'); box.appendChild(ul);
      list.forEach(function (item) { var li = document.createElement('li'); var a = document.createElement('a'); a.href = '/phan-anh/' + item.id;
        a.textContent = 'Số ' + item.id + ' (cách ' + item.metres + ' m, ' + item.statusLabel + ')'; li.appendChild(a);
        li.appendChild(document.createTextNode(': ' + item.description)); ul.appendChild(li); });
    });
  }
  // Show only the selected category's extra questions (the server reads only those).
  function questions() {
    var c = document.getElementById('category').value;
    document.querySelectorAll('fieldset.attribute').forEach(function (f) { var on = f.dataset.category === c; f.hidden = !on; f.disabled = !on; });
  }
  document.getElementById('category').addEventListener('change', function () { questions(); nearby(); });
  questions();
})();
