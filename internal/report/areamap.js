// The interactive area map (see areamap.go): Leaflet over EPSG:28992
// metres with L.CRS.Simple, no tiles, no network requests.
// window.gebiedskaart exposes open(i), search(q) and pixelOf for tests.
(function () {
  'use strict';
  var el = document.getElementById('areamap');
  var dataEl = document.getElementById('areamap-data');
  if (!el || !dataEl || !window.L) { return; }
  var D = JSON.parse(dataEl.textContent);
  var nojs = el.querySelector('.wm-nojs');
  if (nojs) { nojs.parentNode.removeChild(nojs); }
  function decode(a) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < a.length; i += 2) { x += a[i]; y += a[i + 1]; out.push([y, x]); }
    return out;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  var map = L.map(el, {crs: L.CRS.Simple, preferCanvas: true, minZoom: -12, maxZoom: 2, zoomSnap: 0.25, zoomDelta: 0.5});
  map.attributionControl.setPrefix('Leaflet 1.9.4 (BSD-2-licentie)');
  var renderer = L.canvas({padding: 0.5});
  var group = L.featureGroup(), polys = [];
  D.geometry.forEach(function (rings, i) {
    var p = L.polygon(rings.map(decode), {renderer: renderer, color: '#555', weight: 0.8, fillOpacity: 0.85, fillColor: D.classes[D.class[i]].color});
    p.on('click', function (e) { open(i, e.latlng); });
    polys.push(p);
    p.addTo(group);
  });
  group.addTo(map);
  map.fitBounds(group.getBounds(), {padding: [8, 8]});

  var ctl = L.control({position: 'topright'});
  ctl.onAdd = function () {
    var div = L.DomUtil.create('div', 'wm-ctl');
    var h = '<b>' + esc(D.title) + '</b><ul class="wm-legend">';
    D.classes.forEach(function (c) {
      if (c.count > 0) { h += '<li><i style="background:' + esc(c.color) + '"></i>' + esc(c.label) + ' <small>(' + c.count + ')</small></li>'; }
    });
    div.innerHTML = h + '</ul>';
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  ctl.addTo(map);

  var msg;
  var find = L.control({position: 'topleft'});
  find.onAdd = function () {
    var div = L.DomUtil.create('form', 'wm-find');
    div.innerHTML = '<label for="am-q">Zoek een gebied</label><input id="am-q" type="search" placeholder="code of naam" autocomplete="off">' +
      '<button type="submit">Zoek</button><div class="wm-msg" role="status"></div>';
    msg = div.querySelector('.wm-msg');
    div.addEventListener('submit', function (e) { e.preventDefault(); search(div.querySelector('input').value); });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  find.addTo(map);

  // search finds the first area whose code or name equals q (case
  // ignored), else the first that contains it.
  function search(q) {
    var s = String(q).trim().toLowerCase();
    if (!s) { return -1; }
    var hit = -1;
    for (var pass = 0; pass < 2 && hit < 0; pass++) {
      for (var i = 0; i < D.search.length && hit < 0; i++) {
        for (var j = 0; j < D.search[i].length; j++) {
          var t = D.search[i][j].toLowerCase();
          if (pass === 0 ? t === s : t.indexOf(s) >= 0) { hit = i; break; }
        }
      }
    }
    if (hit < 0) { msg.textContent = '"' + q + '" staat niet op deze kaart.'; return -1; }
    msg.textContent = '';
    map.fitBounds(polys[hit].getBounds(), {padding: [40, 40], animate: false});
    open(hit);
    return hit;
  }
  function open(i, at) {
    var rows = D.rows[i].map(function (r) { return '<tr><th>' + esc(r[0]) + '</th><td>' + esc(r[1]) + '</td></tr>'; }).join('');
    L.popup({maxWidth: 420}).setLatLng(at || polys[i].getCenter())
      .setContent('<div class="wm-pop"><b class="wm-title">' + esc(D.titles[i]) + '</b><table>' + rows + '</table></div>')
      .openOn(map);
    return i;
  }
  function pixelOf(x, y) {
    var p = map.latLngToContainerPoint([y - D.origin[1], x - D.origin[0]]);
    var r = el.getBoundingClientRect();
    return {x: p.x + r.left, y: p.y + r.top};
  }
  window.gebiedskaart = {map: map, open: open, search: search, pixelOf: pixelOf, areas: polys.length};
  el.setAttribute('data-ready', String(polys.length));
})();
