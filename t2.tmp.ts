import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { envReads } from './src/analysis/script-reads.js';
const L: Record<string, any> = { '.py': 'python', '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.ts': 'javascript', '.sh': 'shell' };
const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) { if (e.name !== 'node_modules') walk(p); } else if (L[extname(p)] && statSync(p).size < 300000) { const t = readFileSync(p, 'latin1'); for (const x of envReads(t, L[extname(p)])) if (/^CLAUDE_(?!CODE_|PROJECT_DIR$|PLUGIN_ROOT$|PLUGIN_DATA$|ENV_FILE$)|^TOOL_/.test(x.name)) console.log(x.name, x.fallback ? 'FALLBACK' : '', p.replace('../shared/corpus/', ''), x.line); } } };
walk('../shared/corpus/repos'); walk('../shared/corpus/repos2');
