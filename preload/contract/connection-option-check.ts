/**
 * The check of a vendor's connection options, shared by the playbook, main and the command
 * line. No zod here: the renderer bundles this file.
 */
export interface ConnectionOptionRule {
  key: string;
  label: string;
  hint: string;
  required: boolean;
  pattern?: string;
  invalid?: string;
  choices?: readonly { value: string; label: string }[];
  grants?: readonly string[];
}

export interface ConnectionOptionProblem {
  key: string;
  message: string;
  /** For a missing value: what to enter (the field shows it beside; a message on its own says it). */
  hint?: string;
}

/** The options that apply to a sign-in method (all of them when no method is given). */
export function optionsForGrant<T extends ConnectionOptionRule>(specs: readonly T[] | undefined, grant: string | undefined): T[] {
  return (specs ?? []).filter((spec) => !spec.grants || grant === undefined || spec.grants.includes(grant));
}

/**
 * What is missing or malformed in `options`, per declared option that applies to `grant`;
 * empty when all is well.
 */
export function connectionOptionProblems(
  specs: readonly ConnectionOptionRule[] | undefined,
  options: Readonly<Record<string, unknown>> | undefined,
  grant?: string,
): ConnectionOptionProblem[] {
  const problems: ConnectionOptionProblem[] = [];
  for (const spec of optionsForGrant(specs, grant)) {
    const raw = options?.[spec.key];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '') {
      if (spec.required) problems.push({ key: spec.key, message: `Enter the ${spec.label.toLowerCase()}.`, hint: spec.hint });
    } else if (spec.choices && !spec.choices.some((c) => c.value === value)) {
      problems.push({ key: spec.key, message: `Choose one of: ${spec.choices.map((c) => c.value).join(', ')}.` });
    } else if (spec.pattern && !new RegExp(`^(?:${spec.pattern})$`, 'i').test(value)) {
      problems.push({ key: spec.key, message: spec.invalid ?? `This is not a ${spec.label.toLowerCase()}.` });
    }
  }
  return problems;
}
