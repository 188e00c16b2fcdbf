// Package sweep runs Monte Carlo robustness sweeps over many buurten as an
// Apache Beam pipeline, for when a national sweep (13,800 buurten x 100
// draws, about 1.4 million buurt-scans) outgrows one machine. It is a Go
// module of its own (github.com/wijkwarmte/wijkwarmte/sweep), so that
// importing the library never pulls in Beam.
//
// # The pipeline
//
// Elements are tasks: one buurt and a range of draw indexes (all draws of
// a buurt in one task by default; Config.DrawsPerTask splits a buurt's
// draws over several tasks so that a few large buurten do not hold up a
// run). The scan DoFn reads each task's buurt exactly as `wijkwarmte
// batch` does (scan.ReadInputs with scan.Select: panden, verblijfsobjecten
// and streets within the buurt's bound, through the GeoPackage R-trees of
// national files; a pand belongs to the buurt that holds its point on
// surface; water buurten and buurten without panden get a row with the
// batch's reason), prepares the scan with the batch's options and emits
// one DrawRecord per draw:
// the draw's cheapest strategy and every strategy's national cost and
// end-user cost per dwelling. The records are grouped per buurt and
// combined with wijkanalyse.Summarise into one Row per buurt and strategy
// (win_share, p5/p50/p95), written as one Parquet file sorted by buurt and
// strategy. Draw i is the same parameter set in every buurt (the stream is
// seeded by Config.Seed and the draw index only), so draw i is one
// coherent national future.
//
// The per-buurt work is the library's: the DoFn calls scan.ReadInputs,
// wijkanalyse.Prepare and Prepared.Draw; RunPlain runs the same per-buurt
// reading in a plain loop on one machine with wijkanalyse.Prepared.Draws.
// The tests check that the pipeline on Prism, RunPlain and `wijkwarmte
// batch --draws` (internal/batch, its buurten.parquet robustness columns)
// give the same figures for the same seed.
//
// # Runners and input files
//
// The binary cmd/wijkwarmte-sweep takes the batch's input flags (the
// EP-Online export as --ep-online: Beam's Dataflow runner owns --labels)
// and Beam's usual flags: --runner
// (prism, the default, runs in-process and offline; universal with
// --endpoint, the job service of a Flink or Spark job server, which other
// SDKs call --job_endpoint; dataflow with
// --project, --region, --temp_location, --staging_location, and a worker
// container or --environment_type). Input paths are opened by the workers:
// a local path must exist on every worker (Prism: the local machine); a
// path with a scheme Beam's filesystem package knows (gs://, s3://) is
// copied by each worker to its temporary directory in Setup and read from
// there, because the readers (GeoPackage through SQLite, GeoParquet,
// GeoJSON, OSM PBF) take local files. The output path may be local or
// gs:// / s3://. A worker holds one buurt's input at a time (plus the
// areas file and, like the batch, the EP-Online labels when given).
package sweep
