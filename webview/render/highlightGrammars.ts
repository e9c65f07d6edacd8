import bash from 'highlight.js/lib/languages/bash';
import cpp from 'highlight.js/lib/languages/cpp';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';

/**
 * highlight.js's grammars for the languages datasets use most: two thirds of highlight.js, in a
 * chunk of its own imported on the first code block (renderMarkdown.ts registers them). They are
 * ES modules that import nothing, so the chunk shares no code with main.js (see esbuild.mjs).
 */
export const languages = { bash, cpp, go, java, javascript, json, python, rust, sql, typescript, xml };
