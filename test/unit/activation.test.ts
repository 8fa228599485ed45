import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentIndex } from '../../src/core/content/contentIndex';
import { fsContentSource } from '../../src/node/fsContentSource';

const REPO = path.resolve(__dirname, '..', '..');

/**
 * A learner who opens a checkout of a repository the lessons reference must see the CodeLens
 * without first opening the extension's views: `workspaceContains:` events name one distinctive
 * file of each such repository (by clone URL; checked at the root of each workspace folder, cheap).
 */
const DISTINCTIVE_FILE: Record<string, string> = {
  'https://github.com/All-Hands-AI/OpenHands.git': 'openhands/controller/agent_controller.py',
  'https://github.com/huggingface/transformers.git': 'src/transformers/models/llama/modeling_llama.py',
  'https://github.com/pytorch/pytorch.git': 'torch/nn/attention/__init__.py',
  'https://github.com/Dao-AILab/flash-attention.git': 'flash_attn/flash_attn_triton.py',
  'https://github.com/vllm-project/vllm.git': 'vllm/model_executor/layers/linear.py',
  'https://github.com/harvardnlp/annotated-transformer.git': 'the_annotated_transformer.py',
  'https://github.com/openai/gpt-2.git': 'src/interactive_conditional_samples.py',
  'https://github.com/deepseek-ai/DeepSeek-V3.git': 'inference/fp8_cast_bf16.py',
  'https://github.com/huggingface/peft.git': 'src/peft/tuners/lora/layer.py',
  'https://github.com/mit-han-lab/smoothquant.git': 'smoothquant/smooth.py',
  'https://github.com/ggml-org/llama.cpp.git': 'include/llama.h',
  'https://github.com/hao-ai-lab/LookaheadDecoding.git': 'lade/decoding.py',
  'https://github.com/FasterDecoding/Medusa.git': 'medusa/model/medusa_model.py',
};

describe('activation for checkouts of referenced repositories', () => {
  it('every repository the bundled lessons reference has a workspaceContains activation event', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { activationEvents: string[] };
    const index = new ContentIndex(fsContentSource);
    index.loadRoots([path.join(REPO, 'content')]);
    const c = index.catalog;
    const referenced = new Set([...c.lessons.values()].flatMap((l) => l.codeRefs.map((u) => u.ref.repo)).concat([...c.cards.values()].flatMap((card) => card.codeRefs.map((u) => u.ref.repo))));
    const missing: string[] = [];
    for (const id of referenced) {
      const repo = c.repos.get(id);
      const file = repo && DISTINCTIVE_FILE[repo.clone];
      if (!file || !pkg.activationEvents.includes(`workspaceContains:${file}`)) missing.push(`${id} (${repo?.clone})`);
    }
    expect(missing).toEqual([]);
    // and no "*" or broad glob: activation stays lazy
    expect(pkg.activationEvents.filter((e) => e === '*' || /workspaceContains:\*\*/.test(e))).toEqual([]);
  });
});
