/**
 * The YAML language worker (monaco-yaml's), started through this local entry so that the dev
 * server imports the pre-bundled copy listed in vite.config.ts (its CommonJS dependencies, such
 * as path-browserify, converted) instead of serving monaco-yaml's files one by one, which fails
 * with "module is not defined" and makes the optimizer reload the page. The build bundles it the same way.
 */
import 'monaco-yaml/yaml.worker.js';
