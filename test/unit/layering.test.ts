// The layers (README, "How it is built"): app/ is the process-neutral core, and the renderer is a
// sandboxed web page. Each check here compiles or lints a small probe file placed, virtually, in
// a layer, with that layer's real tsconfig or the project's real ESLint configuration.
import { ESLint, type Linter } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/launch';

/** The compiler's complaints about `source` as a file of the layer in `folder`. */
function compileIn(folder: 'app' | 'renderer', source: string): string[] {
  const configPath = path.join(projectRoot, folder, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const probe = path.join(projectRoot, folder, '__layer_probe__.ts');
  // Checked, not built: the options that only concern output are turned off.
  const options = {
    ...parsed.options,
    composite: false,
    declaration: false,
    emitDeclarationOnly: false,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const real = { fileExists: host.fileExists.bind(host), getSourceFile: host.getSourceFile.bind(host) };
  host.fileExists = (file) => file === probe || real.fileExists(file);
  host.getSourceFile = (file, language, ...rest) =>
    file === probe
      ? ts.createSourceFile(file, source, language)
      : real.getSourceFile(file, language, ...rest);
  const program = ts.createProgram([probe], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(probe))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** The rule messages the project's ESLint configuration gives `source` as a file at `file`. */
async function importRulesFor(file: string, source: string): Promise<string[]> {
  const project = new ESLint({ cwd: projectRoot, overrideConfigFile: '.config/eslint.config.js' });
  const config = (await project.calculateConfigForFile(file)) as Linter.Config;
  const rule = config.rules?.['no-restricted-imports'];
  // The rule as configured, without the type-aware rules (which need the file on disk).
  const bare = new ESLint({
    cwd: projectRoot,
    overrideConfigFile: true,
    overrideConfig: {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      ...(rule ? { rules: { 'no-restricted-imports': rule } } : {}),
    },
  });
  const [result] = await bare.lintText(source, { filePath: path.join(projectRoot, file) });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('app/, the process-neutral core', () => {
  it('compiles plain TypeScript', () => {
    expect(compileIn('app', 'export const twice = (n: number): number => n * 2;\n')).toEqual([]);
  });

  it('has no DOM and no Node at compile time', () => {
    expect(compileIn('app', 'export const title = document.title;\n').join('\n')).toMatch(/document/);
    expect(
      compileIn('app', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n").join(
        '\n',
      ),
    ).toMatch(/type definitions for node/);
    expect(compileIn('app', 'export const pid = process.pid;\n').join('\n')).toMatch(/process/);
  });

  it.each([
    "import { app } from 'electron';",
    "import keytar from 'keytar';",
    "import { useState } from 'react';",
    "import { createRoot } from 'react-dom/client';",
    "import { readFile } from 'node:fs/promises';",
    "import os from 'os';",
  ])('may not %s', async (line) => {
    const messages = await importRulesFor('app/probe.ts', `${line}\n`);
    expect(messages.join('\n')).toMatch(/process-neutral core/);
  });

  it('may import its own modules and zod', async () => {
    const source = "import { z } from 'zod';\nimport { explain } from './explanations';\nimport './http';\n";
    expect(await importRulesFor('app/probe.ts', source)).toEqual([]);
  });
});

describe('the renderer, a sandboxed web page', () => {
  it('has no Node at compile time', () => {
    expect(compileIn('renderer', 'export const pid = process.pid;\n').join('\n')).toMatch(/process/);
  });

  it.each([
    "import { ipcRenderer } from 'electron';",
    "import keytar from 'keytar';",
    "import { readFileSync } from 'fs';",
    "import { spawn } from 'node:child_process';",
  ])('may not %s', async (line) => {
    const messages = await importRulesFor('renderer/probe.tsx', `${line}\n`);
    expect(messages.join('\n')).toMatch(/sandboxed web page/);
  });

  it('may import React and the core', async () => {
    const source =
      "import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { explain } from '../app/explanations';\n";
    expect(await importRulesFor('renderer/probe.tsx', source)).toEqual([]);
  });
});

describe('the main process', () => {
  it('may import Electron and Node', async () => {
    const source = "import { app } from 'electron';\nimport { readFile } from 'node:fs/promises';\n";
    expect(await importRulesFor('main/probe.ts', source)).toEqual([]);
  });
});
