// The libraries of the portal's contribution form (generator/site/static/contribute.js), in one browser file.
import { createElement, Fragment, useState, useEffect, useRef } from "react";
import { createRoot } from "react-dom/client";
import Form, { getDefaultRegistry } from "@rjsf/core";
import { errorId, TranslatableString } from "@rjsf/utils";
import { Validator } from "@cfworker/json-schema";
import { parseDocument, Document, visit, isScalar, isSeq, isMap, isPair, Scalar } from "yaml";

window.PortalFormKit = {
  React: { createElement, Fragment, useState, useEffect, useRef },
  createRoot,
  Form,
  widgets: getDefaultRegistry().widgets,
  rjsf: { errorId, TranslatableString },
  Validator,
  YAML: { parseDocument, Document, visit, isScalar, isSeq, isMap, isPair, Scalar },
};
