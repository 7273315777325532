#!/usr/bin/env node
// Argdown's own model of Argdown documents, summarised as JSON (the shape of
// argmap/formats/argdown/summary.py, which gives the same summary of argmap's reading).
//
//   node interop/argdown-model.js FILE...     one summary per file, as a JSON object by file name
//   node interop/argdown-model.js -           a JSON list of documents on standard input -> a list
//
// It runs Argdown's "parse-input" and "build-model" steps (@argdown/core 1.7.5, the version
// pinned in package.json) with exceptions thrown, so that a document Argdown rejects gives
// {"error": …} with Argdown's own line.
"use strict";
const fs = require("fs");
const { argdown } = require("@argdown/core/dist/argdown");

const utf16 = (s) => s; // Argdown counts text positions in UTF-16 code units; so does the summary.

function clean(value) {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = clean(value[key]);
    return out;
  }
  return value;
}

function ranges(member) {
  if (!member.ranges || member.ranges.length === 0) return undefined;
  return member.ranges.map((r) => {
    const out = [r.type, r.start, r.stop];
    if (r.url !== undefined) out.push(r.url);
    if (r.tag !== undefined) out.push(r.tag);
    if (r.title !== undefined) out.push(r.title);
    return out;
  });
}

function member(s) {
  const out = { text: s.text === undefined ? null : s.text, role: s.role || null, line: s.startLine };
  if (s.isReference) out.ref = true;
  if (s.tags && s.tags.length) out.tags = s.tags;
  if (s.data !== undefined) out.data = clean(s.data);
  const r = ranges(s);
  if (r) out.ranges = r;
  return out;
}

function canonical(members) {
  let found;
  for (let i = members.length - 1; i >= 0; i--) {
    const m = members[i];
    if (!m.isReference) {
      if (m.data && m.data.isCanonical) return m;
      if (!found) found = m;
    }
  }
  return found;
}

function node(x) {
  if (x.type === "inference") return ["inference", `${x.argumentTitle}#${x.conclusionIndex}`];
  return [x.type === "equivalence-class" ? "statement" : x.type, x.title];
}

function section(s) {
  const out = { id: s.id, title: s.title, level: s.level, children: (s.children || []).map(section) };
  if (s.tags && s.tags.length) out.tags = s.tags;
  if (s.data !== undefined) out.data = clean(s.data);
  if (s.isGroup !== undefined) out.isGroup = s.isGroup;
  if (s.isClosed !== undefined) out.isClosed = s.isClosed;
  return out;
}

function summarise(input) {
  // First the syntax alone, so that a syntax error is reported as such; then the model, with
  // exceptions thrown (Argdown would otherwise swallow a {data} block that is not YAML).
  let r;
  try {
    r = argdown.run({ input, process: ["parse-input"], logLevel: "none", throwExceptions: true });
  } catch (e) {
    // Argdown's lexer throws "sad sad panda" on a character it cannot read; its parser plugin
    // throws on a document with no tokens at all (nothing but comments or blanks).
    const lexer = /sad sad panda/.test(String(e && e.message));
    return { error: { kind: lexer ? "lexer" : "empty" } };
  }
  if (r.parserErrors && r.parserErrors.length) {
    const t = r.parserErrors[0].token;
    return { error: { kind: "parser", line: t.startLine, token: t.tokenType ? t.tokenType.name : null } };
  }
  try {
    r = argdown.run({ input, process: ["parse-input", "build-model"], logLevel: "none", throwExceptions: true });
  } catch (e) {
    return { error: { kind: "model", message: String(e && e.message) } };
  }
  const out = { statements: {}, arguments: {}, relations: [], sections: (r.sections || []).map(section) };
  if (r.frontMatter !== undefined) out.frontMatter = clean(r.frontMatter);
  for (const [title, ec] of Object.entries(r.statements)) {
    const c = canonical(ec.members);
    const s = { text: c && c.text !== undefined ? c.text : null, members: ec.members.map(member) };
    if (ec.tags && ec.tags.length) s.tags = ec.tags;
    if (ec.data !== undefined) s.data = clean(ec.data);
    if (ec.section) s.section = ec.section.id;
    out.statements[title] = s;
  }
  for (const [title, a] of Object.entries(r.arguments)) {
    const c = canonical(a.members);
    const arg = { text: c && c.text !== undefined ? c.text : null, members: a.members.map(member), pcs: [] };
    for (const p of a.pcs) {
      const item = { title: p.title, role: p.role };
      if (p.inference) {
        item.inference = { rules: p.inference.inferenceRules || [] };
        if (p.inference.data !== undefined) item.inference.data = clean(p.inference.data);
      }
      arg.pcs.push(item);
    }
    if (a.tags && a.tags.length) arg.tags = a.tags;
    if (a.data !== undefined) arg.data = clean(a.data);
    if (a.section) arg.section = a.section.id;
    out.arguments[title] = arg;
  }
  for (const rel of r.relations) out.relations.push([...node(rel.from), rel.relationType, ...node(rel.to)]);
  out.tags = Object.keys(r.tags || {});
  return out;
}

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === "-") {
  const docs = JSON.parse(fs.readFileSync(0, "utf8"));
  process.stdout.write(JSON.stringify(docs.map(summarise)));
} else {
  const out = {};
  for (const file of args) out[file] = summarise(fs.readFileSync(file, "utf8"));
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}
