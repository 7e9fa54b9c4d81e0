// The rules of the house that a machine can check (STYLE.md rule 2 and 5),
// read from the TypeScript syntax tree so that comments and strings that
// merely mention "process.env" or "new Date()" do not count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Offence {
  file: string;
  line: number;
  rule: 'platform-import' | 'env-read' | 'clock';
  text: string;
}

export function listTs(root: string, dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return listTs(root, join(dir, name));
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [join(dir, name).split(sep).join('/')] : [];
  });
}

function isPlatformImport(root: string, file: string, specifier: string): boolean {
  if (/^@slack\//.test(specifier) || /^@larksuiteoapi\//.test(specifier)) return true;
  if (!specifier.startsWith('.')) return false;
  const target = relative(root, resolve(root, dirname(file), specifier)).split(sep);
  return target[0] === 'adapters' || target[0] === 'jobs';
}

/** offences in one file; `file` is relative to root and decides which rules apply */
export function scanSource(root: string, file: string, source: string): Offence[] {
  const inSrc = file.startsWith('src/');
  const checkImports = inSrc && file !== 'src/main.ts';
  const checkEnv = file !== 'src/config.ts';
  const checkClock = file !== 'src/clock.ts';
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: Offence[] = [];
  const add = (node: ts.Node, rule: Offence['rule']) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    found.push({ file, line, rule, text: node.getText(sf).slice(0, 80) });
  };

  const visit = (node: ts.Node): void => {
    if (checkImports) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = node.moduleSpecifier;
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) specifier = node.arguments[0];
      if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
        specifier = node.moduleReference.expression;
      }
      if (specifier && ts.isStringLiteralLike(specifier) && isPlatformImport(root, file, specifier.text)) add(node, 'platform-import');
    }
    if (checkEnv) {
      const isProcess = (e: ts.Expression) => ts.isIdentifier(e) && e.text === 'process';
      if (ts.isPropertyAccessExpression(node) && isProcess(node.expression) && node.name.text === 'env') add(node, 'env-read');
      if (ts.isElementAccessExpression(node) && isProcess(node.expression)
        && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'env') add(node, 'env-read');
      if (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name)
        && node.name.elements.some((el) => (el.propertyName ?? el.name).getText(sf) === 'env')) add(node, 'env-read');
    }
    if (checkClock && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date'
      && (node.arguments === undefined || node.arguments.length === 0)) add(node, 'clock');
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

export function scanTree(root: string): Offence[] {
  const files = ['src', 'adapters', 'jobs'].flatMap((dir) => listTs(root, dir));
  return files.flatMap((file) => scanSource(root, file, readFileSync(join(root, file), 'utf8')));
}
