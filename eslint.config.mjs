// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworkImports = [
  { group: ['@nestjs/*'], message: 'The domain library is pure: no NestJS (conventions §1).' },
  { group: ['typeorm', 'typeorm/*'], message: 'The domain library is pure: no TypeORM.' },
  { group: ['class-validator', 'class-transformer'], message: 'Validation of the wire belongs to libs/dip-wire.' },
  { group: ['@eventstore/*', 'better-sqlite3', 'pg'], message: 'The domain library knows no store client.' },
  { group: ['@app/*'], message: 'The domain library depends on nothing else in the monorepo.' },
];

const esdbImport = { group: ['@eventstore/*'], message: 'Only the EventStoreDB adapter (libs/event-store/src/eventstoredb) imports @eventstore/db-client.' };
const pgImport = { group: ['pg', 'pg/*'], message: 'Only the PostgreSQL adapter (libs/event-store/src/postgres) imports pg.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['libs/registration-domain/**/*.ts'],
    ignores: ['libs/registration-domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: frameworkImports }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No hidden clock in the domain: take `now` as data.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No hidden clock in the domain: take `now` as data.' },
      ],
    },
  },
  {
    files: ['libs/event-store/src/**/*.ts'],
    ignores: ['libs/event-store/src/eventstoredb/**', 'libs/event-store/src/postgres/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [esdbImport, pgImport] }],
    },
  },
  {
    files: ['libs/event-store/src/postgres/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [esdbImport] }],
    },
  },
  {
    files: ['libs/event-store/src/eventstoredb/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pgImport] }],
    },
  },
  {
    files: ['{apps,libs,test}/**/*.ts'],
    ignores: ['libs/registration-domain/**', 'libs/event-store/src/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [esdbImport, pgImport] }],
    },
  },
);
