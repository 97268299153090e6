// Preact with htm tagged templates: components as plain ES modules, no build step.
import { h, render, Fragment } from "preact";
import htm from "htm";

export const html = htm.bind(h);
export { render, Fragment };
export { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
