// The formatter: @stylistic's rules set to the style the code is written in (2-space indent,
// single quotes, semicolons, trailing commas in multi-line lists, 1TBS braces), leaving line
// breaks to the author: the house style keeps a short expression on one line however long.
// `make format` fixes; `make format-check` (run by `make test`) reports.
import stylistic from '@stylistic/eslint-plugin';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { IGNORES } from './eslint.config.js';

const house = stylistic.configs.customize({
  indent: 2,
  quotes: 'single',
  semi: true,
  jsx: false,
  braceStyle: '1tbs',
  arrowParens: true,
  commaDangle: 'always-multiline',
  quoteProps: 'as-needed',
});

export default defineConfig(
  { ignores: IGNORES },
  {
    files: ['**/*.ts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { parser: tseslint.parser },
    // typescript-eslint's plugin is loaded so `eslint-disable` comments naming its rules resolve here too.
    plugins: { '@stylistic': stylistic, '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      ...house.rules,
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      // Where lines break is the author's call (see above), and so are these layout choices.
      '@stylistic/list-style': 'off',
      '@stylistic/operator-linebreak': 'off',
      '@stylistic/max-statements-per-line': 'off',
      '@stylistic/multiline-ternary': 'off',
      '@stylistic/indent-binary-ops': 'off',
      '@stylistic/no-extra-parens': 'off',
      '@stylistic/no-mixed-operators': 'off',
    },
  },
);
