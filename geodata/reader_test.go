package geodata

import (
	"errors"
	"io"
	"testing"
)

// intReader hands out 0..n-1, at most max per Read, then err (io.EOF by
// default), possibly together with the last records.
type intReader struct {
	next, n, max int
	err          error
}

func (r *intReader) Read(dst []int) (int, error) {
	k := 0
	for k < len(dst) && k < r.max && r.next < r.n {
		dst[k] = r.next
		k++
		r.next++
	}
	if r.next == r.n {
		if r.err != nil {
			return k, r.err
		}
		return k, io.EOF
	}
	return k, nil
}

func TestReadAll(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	cases := []struct {
		name    string
		r       *intReader
		want    int
		wantErr error
	}{
		{"empty", &intReader{n: 0, max: 10}, 0, nil},
		{"one batch", &intReader{n: 5, max: 10}, 5, nil},
		{"many batches", &intReader{n: 1000, max: 7}, 1000, nil},
		{"error after records", &intReader{n: 300, max: 300, err: boom}, 300, boom},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, err := ReadAll[int](c.r)
			if !errors.Is(err, c.wantErr) || len(got) != c.want {
				t.Fatalf("%d records, %v; want %d, %v", len(got), err, c.want, c.wantErr)
			}
			for i, x := range got {
				if x != i {
					t.Fatalf("record %d = %d", i, x)
				}
			}
		})
	}
	t.Run("ForEach stops at fn's error", func(t *testing.T) {
		seen := 0
		err := ForEach[int](&intReader{n: 100, max: 100}, func(x *int) error {
			seen++
			if *x == 9 {
				return boom
			}
			return nil
		})
		if !errors.Is(err, boom) || seen != 10 {
			t.Fatalf("seen %d, %v", seen, err)
		}
	})
}
