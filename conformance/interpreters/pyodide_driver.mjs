// A `python` command for Pyodide: CPython compiled to WebAssembly, run by Node.js.
//
//   node pyodide_driver.mjs CONFIG_JSON [PYTHON ARGUMENTS...]
//
// CONFIG_JSON: {"pyodide": folder holding pyodide.mjs,
//               "mounts":  [host folders, each mounted at the same path inside],
//               "env":     {variables for Python's os.environ},
//               "prelude": [a Python file and its arguments, run first as __main__]}
// PYTHON ARGUMENTS: what `python` itself takes here -- `-c CODE ARGS...`,
// `-m MODULE ARGS...` or `FILE ARGS...`; the prelude reads them from its own
// argv after `--` and runs them.  Output goes to this process's stdout and
// stderr; the exit status is Python's (SystemExit), or 2 with one line on
// stderr when Pyodide itself cannot start.

import process from "node:process";
import path from "node:path";
import { pathToFileURL } from "node:url";

function fail(message) {
  process.stderr.write(`pyodide driver: error: ${message}\n`);
  process.exit(2);
}

let config;
try {
  config = JSON.parse(process.argv[2] ?? "");
} catch {
  fail("the first argument must be the JSON configuration");
}

const moduleUrl = pathToFileURL(path.join(config.pyodide, "pyodide.mjs")).href;
let loadPyodide;
try {
  ({ loadPyodide } = await import(moduleUrl));
} catch (error) {
  fail(`cannot load ${moduleUrl}: ${error.message}`);
}

// Node writes to a pipe synchronously on Linux, so whoever reads our stderr
// sees progress while the (synchronous) suite is still running.
const pyodide = await loadPyodide({
  indexURL: config.pyodide,
  env: { HOME: "/home/pyodide", ...(config.env ?? {}) },
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});

// The same path inside as outside, so paths on a command line mean the same file.
for (const folder of config.mounts ?? []) {
  pyodide.FS.mkdirTree(folder);
  pyodide.mountNodeFS(folder, folder);
}

pyodide.globals.set("driver_argv", pyodide.toPy([...config.prelude, "--", ...process.argv.slice(3)]));
let status;
try {
  status = pyodide.runPython(`
import runpy, sys
sys.argv = list(driver_argv)
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
    exit_status = 0
except SystemExit as stop:
    exit_status = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    if isinstance(stop.code, str):
        print(stop.code, file=sys.stderr)
exit_status
`);
} catch (error) {
  process.stderr.write(String(error.message ?? error) + "\n"); // an escaped exception's traceback
  status = 1;
}
process.exit(typeof status === "number" ? status : 1);
