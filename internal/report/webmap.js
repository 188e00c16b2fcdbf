// The interactive map of report.html (see webmap.go): Leaflet over
// EPSG:28992 metres with L.CRS.Simple, no tiles, no network requests.
// window.wijkkaart exposes openPand, search, setTheme and pixelOf for
// tests and for links into the page.
(function () {
  'use strict';
  var el = document.getElementById('webmap');
  var dataEl = document.getElementById('webmap-data');
  if (!el || !dataEl || !window.L) { return; }
  var D = JSON.parse(dataEl.textContent);
  var S = D.strings;
  var P = D.panden;
  // The search index: "2628RC 33-A" (postcode, space, huisnummer and
  // toevoeging as adres writes them) to the pand, and "2628RC 33" to
  // every key of that number.
  var index = {}, byNumber = {};
  D.addresses.forEach(function (list, i) {
    (list || []).forEach(function (a) {
      var pc = S[a[2]], nr = String(a[1]).toUpperCase();
      if (!pc || !nr) { return; }
      var k = pc + ' ' + nr, num = pc + ' ' + nr.split('-')[0];
      if (index[k] === undefined) { index[k] = i; }
      (byNumber[num] = byNumber[num] || []).push(k);
    });
  });
  var nojs = el.querySelector('.wm-nojs');
  if (nojs) { nojs.parentNode.removeChild(nojs); }

  // decode turns x0, y0, dx, dy, ... (decimetres from the origin) into
  // Leaflet points: lat = north, lng = east, in metres from the origin.
  function decode(a) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < a.length; i += 2) {
      x += a[i]; y += a[i + 1];
      out.push([y / 10, x / 10]);
    }
    return out;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  // eur writes whole euros in Dutch notation: € 1.234.
  function eur(x) {
    var s = String(Math.round(Math.abs(x))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return (x < 0 ? '−' : '') + '€\u00a0' + s;
  }

  var map = L.map(el, {
    crs: L.CRS.Simple, preferCanvas: true, minZoom: -6, maxZoom: 5,
    zoomSnap: 0.25, zoomDelta: 0.5, wheelPxPerZoomLevel: 90
  });
  map.attributionControl.setPrefix('Leaflet 1.9.4 (BSD-2-licentie)');
  var renderer = L.canvas({padding: 0.5, tolerance: 2});

  var water = L.layerGroup();
  D.water.forEach(function (rings) {
    L.polygon(rings.map(decode), {renderer: renderer, stroke: false, fillColor: '#cfe3f3', fillOpacity: 1, interactive: false}).addTo(water);
  });
  water.addTo(map);
  var streets = L.layerGroup();
  D.streets.forEach(function (ln) {
    L.polyline(decode(ln), {renderer: renderer, color: '#d3d0c8', weight: 1.5, interactive: false}).addTo(streets);
  });
  streets.addTo(map);

  var panden = L.featureGroup();
  var polys = [];
  var byID = {};
  P.geometry.forEach(function (rings, i) {
    var poly = L.polygon(rings.map(decode), {renderer: renderer, color: '#555', weight: 0.4, fillOpacity: 0.9});
    poly.on('click', function (e) { openIndex(i, e.latlng); });
    polys.push(poly);
    poly.addTo(panden);
    if (P.id[i]) { byID[P.id[i]] = i; }
  });
  panden.addTo(map);

  var pipes = L.layerGroup();
  D.pipes.geometry.forEach(function (ln, i) {
    var c = D.dn[D.pipes.class[i]];
    L.polyline(decode(ln), {renderer: renderer, color: c.color, weight: c.width, lineCap: 'round', lineJoin: 'round', interactive: false}).addTo(pipes);
  });
  D.sources.forEach(function (s) {
    L.circleMarker([s.at[1] / 10, s.at[0] / 10], {renderer: renderer, radius: 7, color: '#fff', weight: 2, fillColor: '#d7191c', fillOpacity: 1})
      .bindTooltip(s.name).addTo(pipes);
  });
  pipes.addTo(map);
  var outlines = L.layerGroup();
  (D.outlines || []).forEach(function (o) {
    L.polygon(o.rings.map(decode), {renderer: renderer, color: '#333', weight: 1.5, dashArray: '6 4', fill: false, interactive: false})
      .bindTooltip(o.name, {permanent: false}).addTo(outlines);
  });
  outlines.addTo(map);

  var bounds = panden.getBounds();
  map.fitBounds(bounds, {padding: [8, 8]});
  map.setMaxBounds(bounds.pad(0.6));

  // Controls: theme, layers and legend (top right); address search (top left).
  var theme = 0;
  var legend;
  var ctl = L.control({position: 'topright'});
  ctl.onAdd = function () {
    var div = L.DomUtil.create('div', 'wm-ctl');
    var h = '<b>Kleur panden naar</b>';
    D.themes.forEach(function (t, k) {
      h += '<label><input type="radio" name="wm-theme" value="' + k + '"' + (k === theme ? ' checked' : '') + '> ' + esc(t.title) + '</label>';
    });
    // Only the layers the scan has: no network or no streets, no box.
    var layers = (D.pipes.geometry.length ? '<label><input type="checkbox" name="wm-pipes" checked> warmtenet (leidingen naar DN)</label>' : '') +
      (D.streets.length ? '<label><input type="checkbox" name="wm-streets" checked> straten</label>' : '') +
      (D.outlines && D.outlines.length ? '<label><input type="checkbox" name="wm-outlines" checked> buurtgrenzen</label>' : '');
    h += (layers ? '<b>Lagen</b>' + layers : '') + '<ul class="wm-legend"></ul>';
    div.innerHTML = h;
    legend = div.querySelector('.wm-legend');
    div.addEventListener('change', function (e) {
      var t = e.target;
      if (t.name === 'wm-theme') { setTheme(+t.value); }
      if (t.name === 'wm-pipes') { toggle(pipes, t.checked); drawLegend(); }
      if (t.name === 'wm-streets') { toggle(streets, t.checked); }
      if (t.name === 'wm-outlines') { toggle(outlines, t.checked); }
    });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  ctl.addTo(map);
  function toggle(layer, on) {
    if (on) { layer.addTo(map); } else { map.removeLayer(layer); }
    panden.bringToFront && panden.bringToFront();
    if (map.hasLayer(pipes)) { pipes.eachLayer(function (l) { if (l.bringToFront) { l.bringToFront(); } }); }
    if (map.hasLayer(outlines)) { outlines.eachLayer(function (l) { l.bringToFront(); }); }
  }
  function drawLegend() {
    var t = D.themes[theme];
    var h = '';
    t.classes.forEach(function (c) {
      if (c.count > 0) { h += '<li><i style="background:' + esc(c.color) + '"></i>' + esc(c.label) + ' <small>(' + c.count + ')</small></li>'; }
    });
    if (map.hasLayer(pipes)) {
      D.dn.forEach(function (c) {
        h += '<li><i class="ln" style="border-top-width:' + c.width + 'px;border-top-color:' + esc(c.color) + '"></i>' + esc(c.label) + ' <small>(' + c.count + ')</small></li>';
      });
    }
    legend.innerHTML = h;
  }
  function setTheme(k) {
    if (typeof k === 'string') {
      for (var j = 0; j < D.themes.length; j++) { if (D.themes[j].key === k) { k = j; } }
    }
    if (!(k >= 0 && k < D.themes.length)) { return false; }
    theme = k;
    var cls = P.class[k], cs = D.themes[k].classes;
    polys.forEach(function (p, i) { p.setStyle({fillColor: cs[cls[i]].color}); });
    var r = ctl.getContainer().querySelector('input[name="wm-theme"][value="' + k + '"]');
    if (r) { r.checked = true; }
    drawLegend();
    return true;
  }
  setTheme(0);

  var msg;
  var find = L.control({position: 'topleft'});
  find.onAdd = function () {
    var div = L.DomUtil.create('form', 'wm-find');
    div.innerHTML = '<label for="wm-q">Zoek een adres</label>' +
      '<input id="wm-q" type="search" placeholder="postcode en huisnummer, bv. 2628 RC 33" autocomplete="off">' +
      '<button type="submit">Zoek</button><div class="wm-msg" role="status"></div>';
    msg = div.querySelector('.wm-msg');
    div.addEventListener('submit', function (e) {
      e.preventDefault();
      search(div.querySelector('input').value);
    });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  find.addTo(map);

  // parse reads "2628 rc 33", "2628RC 33-a", "2628rc, 33 A", "2628AL
  // 139A-1" into the number's key and the full key, as adres.ParseAddress
  // does (the toevoeging: the letters and digits after the number, in
  // capitals, at most 8); null when it is no address.
  function parse(q) {
    var m = /^\s*(\d{4})\s*([A-Za-z]{2})[\s,]*(\d+)(.*)$/.exec(q);
    if (!m) { return null; }
    var t = m[4].replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
    if (+m[3] <= 0 || t.length > 8) { return null; }
    var num = m[1] + m[2].toUpperCase() + ' ' + String(+m[3]);
    return {num: num, key: t ? num + '-' + t : num, toevoeging: t};
  }
  function go(i, note) {
    msg.textContent = note || '';
    map.fitBounds(polys[i].getBounds(), {maxZoom: 2, padding: [60, 60], animate: false});
    openIndex(i);
    return i;
  }
  function search(q) {
    var a = parse(q);
    if (!a) { msg.textContent = 'Typ een postcode en een huisnummer, bijvoorbeeld 2628 RC 33.'; return -1; }
    if (index[a.key] !== undefined) { return go(index[a.key]); }
    if (a.toevoeging && index[a.num] !== undefined) {
      return go(index[a.num], 'Toevoeging ' + a.toevoeging + ' niet gevonden; dit is het pand van ' + a.num + '.');
    }
    var ks = byNumber[a.num] || [];
    if (ks.length) {
      var one = ks.every(function (k) { return index[k] === index[ks[0]]; });
      if (one) { return go(index[ks[0]], a.toevoeging ? 'Toevoeging ' + a.toevoeging + ' niet gevonden; ' + a.num + ' ligt in dit pand.' : ''); }
      msg.textContent = a.num + ' ligt in meer dan één pand; kies een toevoeging: ' + ks.slice(0, 8).join(', ') + (ks.length > 8 ? ', …' : '') + '.';
      return -1;
    }
    msg.textContent = 'Adres ' + a.key + ' ligt niet in deze wijk.';
    return -1;
  }

  // The pand whose pop-up is open is outlined.
  var selected = -1;
  function select(i) {
    if (selected >= 0) { polys[selected].setStyle({color: '#555', weight: 0.4}); }
    selected = i;
    if (i >= 0) { polys[i].setStyle({color: '#000', weight: 3}); polys[i].bringToFront(); }
  }
  map.on('popupclose', function () { select(-1); });
  function openIndex(i, at) {
    var poly = polys[i];
    L.popup({maxWidth: 440, minWidth: 320, maxHeight: 500, autoPanPadding: [20, 20]})
      .setLatLng(at || poly.getCenter())
      .setContent(answer(i))
      .openOn(map); // closes the previous pop-up first, which unselects its pand
    select(i);
    return poly;
  }
  function openPand(id) {
    var i = byID[String(id)];
    if (i === undefined) { return null; }
    map.fitBounds(polys[i].getBounds(), {maxZoom: 2, padding: [60, 60], animate: false});
    openIndex(i);
    var c = el.querySelector('.leaflet-popup-content');
    return c ? c.textContent : null;
  }
  function pixelOf(x, y) {
    var p = map.latLngToContainerPoint([y - D.origin[1], x - D.origin[0]]);
    var r = el.getBoundingClientRect();
    return {x: p.x + r.left, y: p.y + r.top};
  }

  function themeLabel(k, i) { return D.themes[k].classes[P.class[k][i]].label; }
  function answer(i) {
    var rows = [];
    function row(k, v, attrs) { rows.push('<tr><th>' + k + '</th><td' + (attrs || '') + '>' + v + '</td></tr>'); }
    var ad = D.addresses[i] || [];
    if (ad.length) {
      var a = ad.slice(0, 3).map(function (x) { return '<span class="wm-adr">' + esc((S[x[0]] ? S[x[0]] + ' ' : '') + x[1] + (S[x[2]] ? ', ' + S[x[2]] : '')) + '</span>'; });
      if (ad.length > 3) { a.push('en ' + (ad.length - 3) + ' andere'); }
      row(ad.length > 1 ? 'Adressen' : 'Adres', a.join('<br>'));
    }
    row('Bouwjaar', P.bouwjaar[i] ? String(P.bouwjaar[i]) + ' <small>(' + esc(themeLabel(0, i)) + ')</small>' : 'onbekend');
    var dw = P.dwellings[i];
    if (S[P.type[i]]) { row('Type', esc(S[P.type[i]]) + (dw > 1 ? ' <small>(' + dw + ' woningen)</small>' : '')); }
    row('Energielabel', esc(themeLabel(1, i)) + (S[P.label_note[i]] ? '<br><small>' + esc(S[P.label_note[i]]) + '</small>' : ''));
    row('Beste optie', esc(themeLabel(2, i)), ' class="wm-best" data-key="' + esc(D.themes[2].classes[P.class[2][i]].key) + '"');
    var unit = S[P.unit[i]] || 'pand';
    var per = ' per ' + unit + ' per jaar';
    // A utility pand's figures are for its user, not a resident (as the
    // adres answer: "Voor u als gebruiker van het pand").
    var who = unit === 'woning' ? 'bewoner' : 'gebruiker';
    var best = P.best_eur[i], gas = P.gas_eur[i];
    if (best !== null) {
      var band = P.best_min_eur[i] !== null && P.best_max_eur[i] !== null && P.best_min_eur[i] !== P.best_max_eur[i] ? '<br><small>bandbreedte ' + eur(P.best_min_eur[i]) + ' – ' + eur(P.best_max_eur[i]) + '</small>' : '';
      row('Kosten ' + who, '<span class="wm-cost">' + eur(best) + '</span>' + per + band);
    }
    if (gas !== null) {
      var d = best !== null && best !== gas ? '<br><small>de beste optie is ' + eur(Math.abs(best - gas)) + (best > gas ? ' meer' : ' minder') + ' per jaar</small>' : '';
      row('Blijven op aardgas', eur(gas) + per + d);
    }
    var works = P.works[i] || [];
    var todo = works.length ? '<p class="wm-note"><b>Wat moet er ' + (who === 'bewoner' ? 'in huis' : 'in het pand') + ' gebeuren</b></p><ul>' + works.map(function (w) { return '<li>' + esc(S[w]) + '</li>'; }).join('') + '</ul>' : '';
    row('Warmtenet', P.connected[i] ? 'aangesloten' : 'niet aangesloten', ' class="wm-net"');
    var note = S[P.note[i]] ? '<p class="wm-note">' + esc(S[P.note[i]]) + '</p>' : '';
    return '<div class="wm-pop"><b>Pand <span class="wm-id">' + esc(P.id[i] || 'zonder BAG-id') + '</span></b>' +
      '<table>' + rows.join('') + '</table>' + note + todo +
      (who === 'bewoner' ? '<small>Kosten bewoner: wat de bewoner per jaar betaalt voor warmte en de eigen maatregelen, inclusief btw en energiebelasting; bij meer woningen het deel van één woning.' :
        '<small>Kosten gebruiker: wat de gebruiker van het pand per jaar betaalt voor warmte en de eigen maatregelen, inclusief btw en energiebelasting, voor het hele pand.') +
      ' De volledige uitleg per adres geeft <code>wijkwarmte adres</code>.</small></div>';
  }

  // A link into the report opens a pand or an address:
  // report.html#pand=0503100000012345 or #adres=2628RC%2033.
  function fromHash() {
    var m = /^#(pand|adres)=(.+)$/.exec(location.hash);
    if (!m) { return; }
    var q = decodeURIComponent(m[2]);
    if (m[1] === 'pand') { openPand(q); } else { search(q); }
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();

  window.wijkkaart = {map: map, openPand: openPand, search: search, setTheme: setTheme, pixelOf: pixelOf, panden: P.id.length,
    selected: function () { return selected >= 0 ? P.id[selected] : ''; }};
  el.setAttribute('data-ready', String(P.id.length));
})();
