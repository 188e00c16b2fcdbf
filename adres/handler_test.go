package adres

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestHandler(t *testing.T) {
	d := loadDemo(t)
	h := NewHandler(d.ix, []byte("<html>rapport</html>"))
	var ad Address
	for _, a := range d.ix.Addresses() {
		if a.InFootprint {
			ad = a
			break
		}
	}
	for _, c := range []struct {
		name, method, target string
		status               int
		contains             string
	}{
		{"search page", "GET", "/", 200, `<form action="adres"`},
		{"json", "GET", "/api/adres?q=" + url.QueryEscape(ad.String()), 200, `"pand_id":"` + ad.PandID + `"`},
		{"json by id", "GET", "/api/adres?q=" + strings.TrimLeft(ad.PandID, "0"), 200, `"pand_id":"` + ad.PandID + `"`},
		{"json unknown", "GET", "/api/adres?q=9999ZZ+1", 404, `"error":"adres 9999ZZ 1 ligt niet`},
		{"json nonsense", "GET", "/api/adres?q=hallo", 400, `"error":`},
		{"sheet", "GET", "/adres?q=" + url.QueryEscape(ad.String()), 200, "BAG-pandnummer " + ad.PandID},
		{"sheet unknown", "GET", "/adres?q=9999ZZ+1", 404, "ligt niet in de doorgerekende wijk"},
		{"report", "GET", "/report.html", 200, "rapport"},
		{"post", "POST", "/api/adres?q=x", 405, ""},
		{"other path", "GET", "/nergens", 404, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(c.method, c.target, nil))
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.contains) {
				t.Errorf("%s %s: %d %.200q, want %d with %q", c.method, c.target, rec.Code, rec.Body.String(), c.status, c.contains)
			}
		})
	}
}

// TestHandlerCancelled: a request whose context is done gets no body.
func TestHandlerCancelled(t *testing.T) {
	d := loadDemo(t)
	h := NewHandler(d.ix, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, target := range []string{"/", "/api/adres?q=" + url.QueryEscape(d.ix.Addresses()[0].String()), "/adres?q=9999ZZ+1"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil).WithContext(ctx))
		if rec.Body.Len() != 0 {
			t.Errorf("%s with a cancelled context: %d bytes written", target, rec.Body.Len())
		}
	}
}

// TestHandlerConcurrent: many clients at once over a real HTTP server
// get the answers a direct look-up gives (run with -race).
func TestHandlerConcurrent(t *testing.T) {
	d := loadDemo(t)
	srv := httptest.NewServer(NewHandler(d.ix, nil))
	defer srv.Close()
	addrs := d.ix.Addresses()
	const clients, each = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range each {
				ad := addrs[(c*each+k)*37%len(addrs)]
				want, werr := d.ix.ByAddress(ad.Postcode, ad.Huisnummer, ad.Toevoeging)
				resp, err := http.Get(srv.URL + "/api/adres?q=" + url.QueryEscape(ad.String()))
				if err != nil {
					errs <- err
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				var got struct {
					PandID string `json:"pand_id"`
					Error  string `json:"error"`
				}
				if err := json.Unmarshal(body, &got); err != nil {
					errs <- fmt.Errorf("%s: %v in %.100q", ad, err, body)
					return
				}
				if werr == nil && (resp.StatusCode != 200 || got.PandID != want.PandID) || werr != nil && got.Error != werr.Error() {
					errs <- fmt.Errorf("%s: %d %q %q, want %q %v", ad, resp.StatusCode, got.PandID, got.Error, want.PandID, werr)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
