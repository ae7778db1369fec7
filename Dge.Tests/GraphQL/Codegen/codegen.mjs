// Generates TypeScript types from a live DgeGraph host's introspection, asking for everything graphql-js' introspection
// query can ask: node codegen.mjs <graphql url> <output file>. Exits non-zero when loading or generating fails.
import { generate } from '@graphql-codegen/cli';

const [url, output] = process.argv.slice(2);
if (!url || !output) {
  console.error('usage: node codegen.mjs <graphql url> <output file>');
  process.exit(2);
}

const introspection = {
  descriptions: true,
  schemaDescription: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  inputValueDeprecation: true,
  oneOf: true,
};

try {
  await generate({
    schema: [{ [url]: introspection }],
    generates: { [output]: { plugins: ['typescript'] } },
    silent: true,
    errorsOnly: true,
  }, true);
} catch (error) {
  console.error(error?.message ?? error);
  for (const inner of error?.errors ?? []) {
    console.error(inner?.message ?? inner);
  }
  process.exit(1);
}
