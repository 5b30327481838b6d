import catalogJson from '../../schemas/events.json' with { type: 'json' };

/** The five handler types (SPEC.md §2). */
export type HandlerType = 'command' | 'http' | 'mcp_tool' | 'prompt' | 'agent';

/** How a matcher of the event is evaluated (SPEC.md §3). */
export interface MatcherSpec {
  /** The input field the matcher is compared with. */
  field: string;
  /** Known values of that field; empty when the vocabulary is open (server names, file names). */
  knownValues: string[];
  /** True when values outside `knownValues` are legitimate (custom agents, MCP tools, models). */
  openVocabulary: boolean;
  /** `standard`: `[A-Za-z0-9_ ,|-]` is an exact list; `narrow`: only `[A-Za-z0-9_|]` (FileChanged, StopFailure). */
  exactSet: 'standard' | 'narrow';
}

/** One row of the event catalog (`schemas/events.json`, from SPEC.md §1.2). */
export interface EventSpec {
  name: string;
  description: string;
  /** Claude Code version that added the event; null where the changelog does not say. */
  versionAdded: string | null;
  /** null for events without matcher support (SPEC.md §1.3): a matcher there is ignored. */
  matcher: MatcherSpec | null;
  /** Whether exit code 2 (or a JSON decision) can block on this event. */
  canBlock: boolean;
  handlerTypes: HandlerType[];
  /** Default timeout of command/http/mcp_tool handlers, seconds. */
  defaultTimeout: number;
  /** What `missing-timeout`'s fix inserts for command/http/mcp_tool handlers, seconds (RULES.md table). */
  recommendedTimeout: number;
  /** One of the five tool events where `if` is evaluated (SPEC.md §2.1). */
  toolEvent: boolean;
  source: string;
  notes?: string;
}

/** Per-handler-type field definitions (SPEC.md §2.2). */
export interface HandlerTypeSpec {
  required: string[];
  fields: Record<string, object>;
  defaultTimeout: number;
  recommendedTimeout?: number;
  versionAdded?: string;
  notes?: string;
}

/** The whole catalog. */
export interface Catalog {
  handlerTypes: Record<HandlerType, HandlerTypeSpec>;
  commonHandlerFields: Record<string, object>;
  outputFields: string[];
  toolNames: string[];
  legacyToolNames: Record<string, string | null>;
  events: EventSpec[];
}

/** The event catalog, loaded once (bundled into the CLI at build time). */
export const catalog = catalogJson as unknown as Catalog;

/** Event specs by exact (case-sensitive) name. */
export const EVENTS: ReadonlyMap<string, EventSpec> = new Map(catalog.events.map((e) => [e.name, e]));

/** The 33 event names, in catalog order. */
export const EVENT_NAMES: readonly string[] = catalog.events.map((e) => e.name);

/** The five handler types. */
export const HANDLER_TYPES = Object.keys(catalog.handlerTypes) as HandlerType[];

/**
 * The timeout `missing-timeout` inserts (RULES.md "Recommended timeouts"), in seconds:
 * the handler type's own for `prompt` and `agent`, else the event's.
 * `overrides` is the user's per-event map from hooklint config.
 */
export function recommendedTimeout(event: EventSpec, type: HandlerType, overrides?: Record<string, number>): number {
  const typeSpec = catalog.handlerTypes[type];
  if (typeSpec.recommendedTimeout !== undefined) return typeSpec.recommendedTimeout;
  return overrides?.[event.name] ?? event.recommendedTimeout;
}
