// English is the source text; Indonesian translations are looked up by it (English when missing).
import { id } from "./i18n-id.js";

const langKey = "switchboard.lang";
export const languages = [
  { code: "en", name: "English" },
  { code: "id", name: "Bahasa Indonesia" },
];

let current = localStorage.getItem(langKey) === "id" ? "id" : "en";
document.documentElement.lang = current;

export const lang = () => current;

export function setLang(code) {
  current = code === "id" ? "id" : "en";
  localStorage.setItem(langKey, current);
  document.documentElement.lang = current;
}

/** `t("{n} turns", {n: 3})`: the text in the chosen language with its placeholders filled. */
export function t(text, vars = {}) {
  const template = current === "id" ? (id[text] ?? text) : text;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

const number = () => new Intl.NumberFormat(current === "id" ? "id-ID" : "en-US");
export const fmtNumber = (n) => (n === null || n === undefined ? "–" : number().format(n));
export const fmtPercent = (r) => (r === null || r === undefined ? "–" : `${(r * 100).toFixed(1)}%`);
export const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString(current === "id" ? "id-ID" : "en-GB", { dateStyle: "medium", timeStyle: "short" }) : "–");
