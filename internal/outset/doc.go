// Package outset writes a set of output files so that a reader never sees
// a mix of two runs: every command that writes more than one file (scan,
// batch, compare, adres --html) writes them into a fresh staging folder
// beside the output folder and makes the whole set visible in one step.
//
// # The protocol
//
// For an output folder DIR, [Begin] locks DIR (a lock file .DIR.lock beside
// it, so two runs into the same folder do not interleave) and creates the
// staging folder .DIR.staging beside DIR, on the same file system. Files are
// written into the staging folder, each one fsynced and renamed into place
// inside it ([Set.WriteFile]), so no file ever stands there half-written
// under its real name. [Set.Commit] writes manifest.json last (every file of
// the set with its size and SHA-256), fsyncs the folder and then swaps the
// staging folder and DIR with one renameat2(RENAME_EXCHANGE) call: a reader
// sees the previous complete set before that call and the new complete set
// after it, never a mix. The previous set, now in the staging folder's
// place, is removed afterwards. On file systems without RENAME_EXCHANGE the
// swap is two renames (DIR to .DIR.old, staging to DIR): a reader then sees,
// for that instant, no set at all, never a mixed one.
//
// An interrupted run (an error, SIGINT, kill -9, power loss) leaves DIR as
// it was; its staging folder is removed by the next [Begin].
//
// # Resumable sets
//
// A batch that runs for minutes commits every buurt as it finishes and must
// continue after a crash. [Resume] keeps the staging folder of an earlier,
// unfinished run when it was made with the same key (a hash of the inputs
// and options), so the caller can skip what is already there;
// [WriteFileAtomic] commits one file at a time inside it. A staging folder
// made with another key is an [ErrChanged] error, unless restart is asked.
//
// # What may be replaced
//
// DIR must be absent, empty, or an earlier output set (it holds
// manifest.json): a folder with other files is never swapped away, so
// `--out ~/Documenten` cannot delete a user's documents.
//
// Sets are safe for use by one goroutine; WriteFileAtomic and Set.WriteFile
// on distinct names may be called concurrently.
package outset
