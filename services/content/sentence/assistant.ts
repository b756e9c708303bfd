import { z } from 'zod';

/** An on-premises language model with an OpenAI-compatible chat API (KIOSK_ASSIST_*). */
export interface AssistantConfig {
  /** Base URL of the API, e.g. http://10.0.0.5:8000/v1 (the request goes to <url>/chat/completions). */
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | null;
  readonly timeoutMs: number;
}

export interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly why: string;
}

const INSTRUCTIONS = [
  '你是政务服务大厅自助终端的导办助手。用户用自己的话说了想办的事，系统已从事项目录中找出候选事项。',
  '只能从候选中选择与用户所说相符的事项，按相符程度从高到低排列；都不相符时返回空列表。',
  '不要编造候选以外的事项，不要回答法律问题，不要输出解释。',
  '只输出 JSON：{"choices": ["候选 id", ...]}',
].join('\n');

const chatAnswer = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1) });
const choiceList = z.object({ choices: z.array(z.string().max(80)).max(20) });

/**
 * Asks the hall's language model to choose among catalogue candidates, and nothing else: it gets the
 * sentence and the candidates' ids and names, and what it answers counts only as far as it names
 * candidates (in its order, each once). `failed` when it is slow, failing or answers something
 * else (with the reason, for the log); the kiosk then keeps its own order. It never gets more than
 * the scrubbed sentence.
 */
export async function chooseAmongCandidates(config: AssistantConfig, sentence: string, candidates: readonly Candidate[]): Promise<{ chosen: string[] } | { failed: string }> {
  try {
    const res = await fetch(`${config.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({
        model: config.model,
        temperature: 0,
        max_tokens: 200,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: INSTRUCTIONS },
          { role: 'user', content: JSON.stringify({ sentence, candidates }) },
        ],
      }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (!res.ok) return { failed: `HTTP ${res.status}` };
    const answer = chatAnswer.safeParse(await res.json());
    if (!answer.success) return { failed: 'not a chat completion' };
    // Models wrap JSON in a code fence now and then.
    const content = answer.data.choices[0]!.message.content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, '');
    const list = choiceList.safeParse(JSON.parse(content));
    if (!list.success) return { failed: 'no list of choices' };
    const known = new Set(candidates.map((c) => c.id));
    return { chosen: [...new Set(list.data.choices)].filter((id) => known.has(id)) };
  } catch (err) {
    return { failed: err instanceof Error ? err.name : 'error' };
  }
}
