# Independent count of the OSM surface-water polygons of the Delft extract,
# for TestReadOSMPBFWater (geodata/osm_test.go). Plain python3 (xml.etree),
# run on the OSM XML of the same extract:
#   python3 geodata/testdata/osm_water_count.py /work/shared/data/delft-wippolder/tudelft.osm.gz
# It shares no code with the Go reader: its own tag rules (as documented on
# geodata.OSMExtract.Water), ring joining and a local ellipsoidal projection.
import gzip, math, sys, collections
import xml.etree.ElementTree as ET
path = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/delft-wippolder/tudelft.osm.gz'
nodes, ways, rels = {}, {}, []
for ev, el in ET.iterparse(gzip.open(path)):
    if el.tag == 'node':
        nodes[int(el.get('id'))] = (float(el.get('lon')), float(el.get('lat')))
        el.clear()
    elif el.tag == 'way':
        nds = [int(n.get('ref')) for n in el.findall('nd')]
        tags = {t.get('k'): t.get('v') for t in el.findall('tag')}
        ways[int(el.get('id'))] = (nds, tags); el.clear()
    elif el.tag == 'relation':
        mem = [(m.get('type'), int(m.get('ref')), m.get('role')) for m in el.findall('member')]
        tags = {t.get('k'): t.get('v') for t in el.findall('tag')}
        rels.append((int(el.get('id')), mem, tags)); el.clear()
def is_water(t):
    return (t.get('natural') == 'water' or 'water' in t or t.get('waterway') in ('riverbank', 'dock', 'canal')
            or t.get('landuse') in ('basin', 'reservoir'))
# Local projection on the GRS80 ellipsoid: x = N cos(lat0) dlon, y = M dlat,
# with M and N the radii of curvature at lat0 = 52.0 N (the extract lies
# at 51.99-52.01 N).
LAT0 = 52.0
A, E2 = 6378137.0, 0.00669438002290
_s = math.sin(math.radians(LAT0)) ** 2
M = A * (1 - E2) / (1 - E2 * _s) ** 1.5
N = A / math.sqrt(1 - E2 * _s)
def xy(p):
    return (math.radians(p[0]) * N * math.cos(math.radians(LAT0)), math.radians(p[1] - LAT0) * M)
def ring_area(pts):
    a = 0
    for i in range(len(pts) - 1):
        a += pts[i][0] * pts[i+1][1] - pts[i+1][0] * pts[i][1]
    return abs(a) / 2
# ways
cnt = collections.Counter(); area = 0.0; n_ways = 0
for wid, (nds, t) in ways.items():
    if not is_water(t):
        continue
    if t.get('waterway') == 'canal' and nds[0] != nds[-1]:
        cnt['waterway_canal_line'] += 1; continue
    cnt['read'] += 1
    if nds[0] != nds[-1] or len(nds) < 4:
        cnt['unclosed'] += 1; continue
    if any(n not in nodes for n in nds):
        cnt['missing_nodes'] += 1; continue
    n_ways += 1
    area += ring_area([xy(nodes[n]) for n in nds])
lines = collections.Counter(t.get('waterway') for (nds, t) in ways.values()
                            if t.get('waterway') in ('canal', 'river', 'ditch', 'drain', 'stream') and nds[0] != nds[-1])
# multipolygons
def join(ls):
    ls = [l[:] for l in ls]; rings = []
    while ls:
        r = ls.pop(0)
        while r[0] != r[-1]:
            for i, l in enumerate(ls):
                if l[0] == r[-1]: r += l[1:]; ls.pop(i); break
                if l[-1] == r[-1]: r += l[::-1][1:]; ls.pop(i); break
            else:
                return None
        rings.append(r)
    return rings
n_mp, mp_area, mp_bad = 0, 0.0, collections.Counter()
for rid, mem, t in rels:
    if t.get('type') != 'multipolygon' or not is_water(t):
        continue
    outer, inner = [], []
    ok = True
    for typ, ref, role in mem:
        if typ != 'way': continue
        if ref not in ways or any(n not in nodes for n in ways[ref][0]):
            ok = False; break
        (inner if role == 'inner' else outer).append(ways[ref][0])
    if not ok:
        mp_bad['missing'] += 1; continue
    o, i = join(outer), join(inner)
    if o is None or i is None:
        mp_bad['unclosed'] += 1; continue
    n_mp += 1
    mp_area += sum(ring_area([xy(nodes[n]) for n in r]) for r in o) - sum(ring_area([xy(nodes[n]) for n in r]) for r in i)
print('ways:', dict(cnt), 'closed water ways used', n_ways, 'area m2 %.0f' % area)
print('linear waterways (unclosed):', dict(lines))
print('multipolygons used', n_mp, 'area m2 %.0f' % mp_area, 'skipped', dict(mp_bad))
print('total areas', n_ways + n_mp, 'total m2 %.0f' % (area + mp_area))
print('--- top ways')
rows = []
for wid, (nds, t) in ways.items():
    if is_water(t) and nds[0] == nds[-1] and not (t.get('waterway') == 'canal' and nds[0] != nds[-1]):
        rows.append((ring_area([xy(nodes[n]) for n in nds]), wid, {k: v for k, v in t.items() if k in ('natural','water','waterway','landuse','name')}))
rows.sort(reverse=True)
for r in rows[:3]: print('%.0f' % r[0], r[1], r[2])
print('smallest', ['%.0f' % r[0] for r in rows[-10:]])
mem_ids = set()
for rid, mem, t in rels:
    if t.get('type') == 'multipolygon' and is_water(t):
        print('rel', rid, t.get('name'), {k: v for k, v in t.items() if k in ('natural','water','waterway')}, len(mem))
        mem_ids |= {ref for typ, ref, role in mem if typ == 'way'}
print('members also tagged water:', [w for w in mem_ids if w in ways and is_water(ways[w][1])])
