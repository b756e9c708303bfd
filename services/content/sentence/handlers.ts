import { fail, ok, type Result } from '../../../contract';
import type { AskAnswer, AskResult, askApi } from '../../../contract/api/ask';
import type { SentenceResult } from '../../../content-bundle/sentence/index';
import type { AreaHandlers } from '../../bridge/dispatcher';
import type { AreaDeps } from '../../area';
import type { ContentReader } from '../reader';
import { chooseAmongCandidates } from './assistant';
import { scrubSentence } from './scrub';
import { UNFOUND_RETENTION, UnfoundSentences } from './unfound-store';

export { unfoundSentenceMigrations } from './unfound-store';

/** Candidates the hall's language model chooses among (when one is configured). */
const ASSISTANT_CANDIDATES = 8;

const notReady = () => fail('unavailable', 'no content installed', { messageKey: 'content.notInstalled' });

const toContract = (r: SentenceResult): AskResult => ({ kind: r.kind, ref: r.ref, name: r.name, flowId: r.flowId, why: [...r.why], lifeEvent: r.lifeEvent });

/**
 * 智能导办's bridge methods: the offline sentence index first; the keyword search when it finds
 * nothing for what is not a sentence (a catalogue word it does not read, such as pinyin initials); the hall's
 * language model, when configured, only to reorder the candidates found; a submitted sentence that
 * finds nothing kept, scrubbed, for the operators (`content.unfoundSentences`, technicians only), and
 * handed, scrubbed, to `unfoundSentence` (the fleet console's report outbox, when the kiosk has a console).
 */
export function createSentenceHandlers(
  deps: Pick<AreaDeps, 'db' | 'log' | 'config'>,
  reader: () => ContentReader | null,
  unfoundSentence: (text: string) => void = () => undefined,
): { handlers: AreaHandlers<typeof askApi>; warm(): void } {
  const { log, config } = deps;
  const unfound = new UnfoundSentences(deps.db);
  const assistant = config.assistant;

  const ask = async (r: ContentReader, input: { sentence: string; answers: string[]; record: boolean; limit: number }): Promise<Result<AskAnswer>> => {
    const offline = r.sentences().ask(input.sentence, { answers: input.answers, limit: assistant ? Math.max(input.limit, ASSISTANT_CANDIDATES) : input.limit });
    let results = offline.results.map(toContract);
    let via: AskAnswer['via'] = 'offline';
    // A catalogue word the sentence path does not read (pinyin initials, part of a code) is the
    // keyword search's; a sentence the index found nothing for is not, or its loose matches would show.
    if (results.length === 0 && !offline.sentence && input.sentence.trim() !== '') {
      results = keywordResults(r, input.sentence, input.limit);
      if (results.length > 0) via = 'keywords';
    } else if (assistant && results.length >= 2) {
      const scrubbed = scrubSentence(input.sentence, log.redactor);
      // Life events stay first: they are the operators' rules, not a guess.
      const pinned = results.filter((x) => x.lifeEvent);
      const open = results.filter((x) => !x.lifeEvent);
      const answer = scrubbed ? await chooseAmongCandidates(assistant, scrubbed, open.map((x) => ({ id: x.ref, name: x.name.zh, why: x.why.map((w) => w.zh).join('；') }))) : { failed: 'nothing left after scrubbing' };
      if ('chosen' in answer && answer.chosen.length > 0) {
        const order = new Map(answer.chosen.map((id, i) => [id, i]));
        const chosen = open.filter((x) => order.has(x.ref)).sort((a, b) => order.get(a.ref)! - order.get(b.ref)!);
        results = [...pinned, ...chosen.map((x) => ({ ...x, why: [...x.why, ASSISTANT_REASON] })), ...open.filter((x) => !order.has(x.ref))];
        via = 'assistant';
      } else if ('failed' in answer) log.warn('assistant not used', { reason: answer.failed });
    }
    results = results.slice(0, input.limit);
    if (input.record && results.length === 0) {
      const text = scrubSentence(input.sentence, log.redactor);
      if (text) {
        unfound.record(text);
        // Only the scrubbed text leaves the content area: no session, person or item goes with it.
        try {
          unfoundSentence(text);
        } catch (err) {
          log.warn('unfound sentence not reported', { error: err instanceof Error ? err.message : String(err) });
        }
      }
    }
    return ok({ sentence: offline.sentence, results, clarify: offline.clarify, via, found: results.length > 0 });
  };

  return {
    handlers: {
      'content.ask': (input) => {
        const r = reader();
        return r ? ask(r, input) : notReady();
      },
      'content.unfoundSentences': ({ after, limit }) => ok({ ...unfound.list(after, limit), retention: { ...UNFOUND_RETENTION } }),
    },
    // jieba's dictionary takes most of a second to load: done once the kiosk is up, not in a person's first search.
    warm: () => {
      const timer = setTimeout(() => {
        try {
          reader()?.sentences();
        } catch (err) {
          log.warn('sentence index not opened', { error: err instanceof Error ? err.message : String(err) });
        }
      }, 0);
      timer.unref();
    },
  };
}

const ASSISTANT_REASON = { zh: '本厅智能助手从目录中选出', en: 'Chosen from the catalogue by the hall’s assistant' };

/** The keyword search's hits as answers: what the person typed, found as it is. */
function keywordResults(r: ContentReader, sentence: string, limit: number): AskResult[] {
  const q = sentence.trim().slice(0, 60);
  return r.search({ query: q, limit }).map((h) => ({
    kind: 'item',
    ref: h.code,
    name: h.nameEn ? { zh: h.name, en: h.nameEn } : { zh: h.name },
    flowId: r.item(h.code)?.flowId ?? null,
    why: [h.fuzzy ? { zh: `与您输入的“${q}”相近`, en: `Close to “${q}”` } : { zh: `与您输入的“${q}”相符`, en: `Matches “${q}”` }],
    lifeEvent: false,
  }));
}
