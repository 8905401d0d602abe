// Flags for the node process that runs the server (scripts/start.mjs); package.json's `start` and
// `serve` pass the same. Node 24's V8 sizes the young generation from the machine's memory: on
// these 24 GB machines its semi-spaces grew to their ceiling during start-up and stayed there,
// about 320 MB of RSS for a server whose live heap is about 30 MB (Node 20: about 125 MB).
// 16 MB, Node 20's ceiling, keeps the server under 200 MB (issue 17's memory goal).
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16'];
