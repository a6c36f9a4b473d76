// Entry point of dist/server.js. The transport comes from the command line, as
// vscode-languageserver reads it: --node-ipc when the VS Code extension starts it,
// --stdio for any other editor (Neovim, Helix, Zed, ...), --socket=<port>.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (
  !process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))
) {
  // Started by hand: say how to use it instead of failing with a stack trace.
  process.stderr.write('breakwater language server: start it with --stdio (or --node-ipc from VS Code)\n');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
// Output to stdout would corrupt the --stdio channel: send console output through the connection.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
startServer(connection);
