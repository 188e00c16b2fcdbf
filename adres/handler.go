package adres

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// Handler serves a finished scan over HTTP for a gemeente's own site:
//
//	GET /                   a small search page (Dutch), no scripts
//	GET /adres?q=QUERY      the one-page sheet of the answer (HTML, printable)
//	GET /api/adres?q=QUERY  the answer as JSON (snake_case, null where a
//	                        figure does not apply); errors as {"error": "..."}
//	                        with 400 (query not understood, ambiguous) or 404
//	GET /report.html        the scan's report, when given
//
// QUERY is what Index.Find takes. Nothing is scanned per request: every
// request is a look-up in the Index built once. A Handler is safe for
// concurrent requests (the Index and the report never change); a request
// whose context is done before its answer is written gets no body.
type Handler struct {
	ix     *Index
	report []byte
	mod    time.Time
	mux    *http.ServeMux
}

// NewHandler serves ix, and report (the scan's report.html) when not nil.
func NewHandler(ix *Index, report []byte) *Handler {
	h := &Handler{ix: ix, report: report, mux: http.NewServeMux()}
	h.mux.HandleFunc("GET /{$}", h.search)
	h.mux.HandleFunc("GET /adres", h.sheet)
	h.mux.HandleFunc("GET /api/adres", h.api)
	if report != nil {
		h.mux.HandleFunc("GET /report.html", h.serveReport)
	}
	return h
}

// NewHandlerDir serves the finished scan in dir: its answers.json and
// report.html.
func NewHandlerDir(dir string) (*Handler, error) {
	ix, err := Load(dir)
	if err != nil {
		return nil, err
	}
	report, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		return nil, err
	}
	return NewHandler(ix, report), nil
}

// ServeHTTP routes the request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

func (h *Handler) api(w http.ResponseWriter, r *http.Request) {
	a, err := h.ix.Find(r.URL.Query().Get("q"))
	var body bytes.Buffer
	status := http.StatusOK
	enc := json.NewEncoder(&body)
	if err != nil {
		status = errStatus(err)
		enc.Encode(map[string]string{"error": err.Error()})
	} else if err := enc.Encode(a); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if r.Context().Err() != nil {
		return // the client has gone: write nothing
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body.Bytes())
}

func (h *Handler) sheet(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	a, err := h.ix.Find(q)
	var body bytes.Buffer
	status := http.StatusOK
	if err != nil {
		status = errStatus(err)
		searchTemplate.Execute(&body, searchData{Wijk: h.ix.Wijk, Query: q, Error: err.Error(), Report: h.report != nil})
	} else if err := h.ix.WriteSheet(&body, a); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if r.Context().Err() != nil {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body.Bytes())
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	var body bytes.Buffer
	searchTemplate.Execute(&body, searchData{Wijk: h.ix.Wijk, Report: h.report != nil, Panden: h.ix.Len(), Addresses: len(h.ix.addrs)})
	if r.Context().Err() != nil {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(body.Bytes())
}

func (h *Handler) serveReport(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, "report.html", h.mod, bytes.NewReader(h.report))
}

func errStatus(err error) int {
	if errors.Is(err, ErrNotFound) {
		return http.StatusNotFound
	}
	return http.StatusBadRequest
}

type searchData struct {
	Wijk, Query, Error string
	Report             bool
	Panden, Addresses  int
}

var searchTemplate = template.Must(template.New("search").Parse(`<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wat betekent de warmtetransitie voor mijn woning?{{if .Wijk}} · {{.Wijk}}{{end}}</title>
<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.4}
input[type=text]{font-size:1.1em;padding:.3em;width:16em}button{font-size:1.1em;padding:.3em .8em}.err{color:#a00}small{color:#555}</style></head>
<body>
<h1>Wat betekent de warmtetransitie voor mijn woning?</h1>
{{if .Wijk}}<p>Wijkanalyse: {{.Wijk}}{{if .Panden}} ({{.Panden}} panden, {{.Addresses}} adressen){{end}}.</p>{{end}}
<form action="adres" method="get">
<label for="q">Postcode en huisnummer</label><br>
<input type="text" id="q" name="q" value="{{.Query}}" placeholder="2628RC 33" autofocus>
<button type="submit">Zoek</button>
</form>
{{if .Error}}<p class="err">{{.Error}}</p>{{end}}
<p><small>U kunt ook een BAG-pandnummer (16 cijfers) invullen. Het antwoord is een pagina om te printen: de beste warmte-optie voor uw woning, wat die per jaar kost, waarom, en wat er in de woning moet gebeuren. Als gegevens: <code>api/adres?q=…</code> (JSON).</small></p>
{{if .Report}}<p><a href="report.html">Het hele rapport van de wijkanalyse</a></p>{{end}}
</body></html>
`))
