// The neutral view model: what every use-case returns and every adapter
// renders (console text, Slack Block Kit, Feishu card 2.0). Strings in a view
// are already in the user's language; adapters only lay them out.
import type { Lang } from '../domain/types.js';

/** what a button or a pick does when pressed: an action id and its arguments */
export interface ActionRef {
  id: ActionId;
  args: Record<string, string>;
}

export type ActionId =
  | 'open'            // show the customer card            args: code
  | 'log'             // open the follow-up form            args: code
  | 'edit'            // open the edit form                 args: code
  | 'tier'            // open the change-tier form          args: code
  | 'assign'          // open the reassign form             args: code
  | 'lost'            // open the mark-lost form            args: code
  | 'snooze'          // push nextFollowUpAt by N days      args: code, days
  | 'reveal'          // reveal contacts (audited)          args: code
  | 'run'             // run a command line as the user     args: text
  | 'confirm-create'  // create despite a duplicate warning args: token
  | 'accept-tier'     // accept a tier suggestion           args: code, tier
  | 'dismiss'         // dismiss a suggestion/notice        args: any
  | 'run-import'      // import a checked CSV file for real  args: ref (the adapter's file reference), strict, lang
  | 'me';             // the person's own settings (Home tab) args: none

export interface Button {
  label: string;
  action: ActionRef;
  style?: 'primary' | 'danger';
}

export interface Field { label: string; value: string }

export interface ListItem {
  text: string;
  detail?: string;
  actions?: Button[];
}

export interface ChartDatum { label: string; value: number }

export type FormFieldKind = 'text' | 'textarea' | 'select' | 'multiselect' | 'date' | 'number';

export interface FormField {
  name: string;
  label: string;
  kind: FormFieldKind;
  required?: boolean;
  options?: { value: string; label: string }[];
  initial?: string | string[];
  placeholder?: string;
  maxLength?: number;
}

export interface Form {
  /** which use-case receives the submit: 'new' | 'log' | 'edit' | 'tier' | 'assign' | 'lost' | ... */
  id: string;
  title: string;
  submitLabel: string;
  /** hidden arguments that come back with the submit (e.g. the customer code) */
  args: Record<string, string>;
  fields: FormField[];
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string; tone?: 'info' | 'success' | 'warning' | 'error' }
  | { type: 'fields'; fields: Field[] }
  | { type: 'list'; title?: string; items: ListItem[]; footer?: string }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'chart'; chart: 'bar' | 'pie'; title: string; data: ChartDatum[] }
  | { type: 'form'; form: Form }
  | { type: 'divider' };

export interface Reply {
  lang: Lang;
  /** private: only the person who asked; channel: posted for the team (stats) */
  audience: 'private' | 'channel';
  blocks: Block[];
  /** a plain-text summary for notifications and fallbacks */
  summary: string;
}

/** a form submit that failed validation: messages per field, shown in place */
export interface FieldErrors {
  fieldErrors: Record<string, string>;
  lang: Lang;
}
