// Runs one Python file inside Pyodide under Node.js, with host folders mounted.
//
//   node pyodide_driver.mjs CONFIG_JSON
//
// CONFIG_JSON: {"pyodide": dir holding pyodide.mjs,
//               "mounts": {guest path: host path, ...},
//               "main": guest path of the Python file to run,
//               "argv": [arguments for that file]}
// The Python file's stdout and stderr go to this process's; the exit status is
// the file's (SystemExit, as for `python FILE`); 2 with one line on stderr
// when Pyodide itself cannot start.

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
  fail("expected one argument: the JSON configuration");
}

const moduleUrl = pathToFileURL(path.join(config.pyodide, "pyodide.mjs")).href;
let loadPyodide;
try {
  ({ loadPyodide } = await import(moduleUrl));
} catch (error) {
  fail(`cannot load ${moduleUrl}: ${error.message}`);
}

// Line-buffered streams: Node writes to a pipe synchronously on Linux, so the
// caller sees progress while the (synchronous) suite is still running.
const pyodide = await loadPyodide({
  indexURL: config.pyodide,
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});

for (const [guest, host] of Object.entries(config.mounts)) {
  pyodide.FS.mkdirTree(guest);
  pyodide.mountNodeFS(guest, host);
}

// The file runs as __main__ (like `python FILE ARGS`); SystemExit gives the status.
pyodide.globals.set("driver_argv", pyodide.toPy([config.main, ...config.argv]));
let status;
try {
  status = pyodide.runPython(`
import runpy, sys
sys.argv = list(driver_argv)
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
    exit_status = 0
except SystemExit as stop:
    exit_status = stop.code if isinstance(stop.code, int) else (stop.code is not None)
    if isinstance(stop.code, str):
        print(stop.code, file=sys.stderr)
int(exit_status)
`);
} catch (error) {
  process.stderr.write(String(error.message ?? error) + "\n"); // an escaped exception's traceback
  status = 1;
}
process.exit(typeof status === "number" ? status : 1);
