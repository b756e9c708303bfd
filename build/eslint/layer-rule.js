// `layers/imports`: every import of a file must stay within what its layer may use (build/eslint/layers.js).
// It sees static imports, export-from, `import()`, `require()`, `createRequire(...)(...)`, TypeScript's
// `import x = require()` and `import('x')` types, and `import.meta.glob` patterns; a specifier that is not a
// string literal cannot be checked, so outside the tooling it is refused.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { LAYER_OF_FOLDER, PACKAGE_KINDS, RULES } from './layers.js';

const BUILTINS = new Set(builtinModules);
const PREFIXES = Object.keys(LAYER_OF_FOLDER).sort((a, b) => b.length - a.length);

/** The layer of a path relative to the repository root, or null for files outside every layer (root configs). */
export function layerOf(relPath) {
  // A specifier may name a folder (its index): `contract` is inside `contract/`.
  const p = `${relPath.split(path.sep).join('/')}/`;
  const prefix = PREFIXES.find((f) => p.startsWith(f));
  return prefix ? LAYER_OF_FOLDER[prefix] : null;
}

const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Why `spec`, imported from the file at `relFile`, breaks the layer rule; null when it is allowed. */
export function violation(root, relFile, spec) {
  const layer = layerOf(relFile);
  if (layer === null) return null;
  const rule = RULES[layer];
  if (spec.startsWith('.') || spec.startsWith('/')) {
    if (spec.startsWith('/')) return `absolute import "${spec}"`;
    const target = path.relative(root, path.resolve(root, path.dirname(relFile), spec));
    if (target.startsWith('..')) return `"${spec}" leaves the repository`;
    const targetLayer = layerOf(target);
    if (rule.layers === '*') return null;
    if (targetLayer === null) return `${layer} may not import "${spec}" (outside every layer)`;
    if (targetLayer === 'tooling') return `${layer} may not import test or build code ("${spec}")`;
    if (!rule.layers.includes(targetLayer)) return `${layer} may not import ${targetLayer} ("${spec}")${rule.why ? `: ${rule.why}` : ''}`;
    return null;
  }
  const name = spec.startsWith('node:') ? 'node:' : packageName(spec);
  const kind = name === 'node:' || BUILTINS.has(name) ? 'node' : PACKAGE_KINDS[name];
  if (kind === undefined) return `package "${name}" is not classified in build/eslint/layers.js (std, node, dom, electron or tool)`;
  if (rule.kinds === '*') return null;
  if (!rule.kinds.includes(kind)) return `${layer} may not use ${kind} package "${name}"${rule.why ? `: ${rule.why}` : ''}`;
  if (rule.packages && kind !== 'node' && kind !== 'electron' && !rule.packages.includes(name)) return `${layer} may use only ${rule.packages.join(', ')} (not "${name}")`;
  return null;
}

const literal = (node) =>
  node && node.type === 'Literal' && typeof node.value === 'string'
    ? node.value
    : node && node.type === 'TemplateLiteral' && node.expressions.length === 0
      ? node.quasis[0].value.cooked
      : null;

export const layerRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what is below it (README, Architecture).' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const relFile = path.relative(root, context.filename);
    const layer = layerOf(relFile);
    if (layer === null || RULES[layer].layers === '*') return {};
    const requireNames = new Set(['require']);
    const check = (node, spec) => {
      if (spec === null) {
        context.report({ node, message: `${layer}: a computed module specifier cannot be checked against the layer rule` });
        return;
      }
      const why = violation(root, relFile, spec);
      if (why) context.report({ node, message: why });
    };
    const isCreateRequireCall = (n) => n?.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'createRequire';
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ImportExpression: (n) => check(n, literal(n.source)),
      TSImportEqualsDeclaration: (n) => n.moduleReference.type === 'TSExternalModuleReference' && check(n, literal(n.moduleReference.expression)),
      TSImportType: (n) => check(n, literal(n.argument?.literal ?? n.argument)),
      VariableDeclarator: (n) => {
        if (n.id.type === 'Identifier' && isCreateRequireCall(n.init)) requireNames.add(n.id.name);
      },
      CallExpression: (n) => {
        const callee = n.callee;
        const viaRequire = callee.type === 'Identifier' && requireNames.has(callee.name);
        if (viaRequire || isCreateRequireCall(callee)) {
          check(n, literal(n.arguments[0]));
          return;
        }
        // import.meta.glob('…'): a pattern relative to this file; its fixed head names the folder.
        if (callee.type === 'MemberExpression' && callee.object.type === 'MetaProperty' && callee.property.name === 'glob') {
          const patterns = n.arguments[0]?.type === 'ArrayExpression' ? n.arguments[0].elements : [n.arguments[0]];
          for (const p of patterns) {
            const pattern = literal(p);
            check(n, pattern === null ? null : pattern.replace(/[*{[].*$/, '') || '.');
          }
        }
      },
    };
  },
};

export default { rules: { imports: layerRule } };
