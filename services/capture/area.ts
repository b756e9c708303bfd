import { base64Bytes } from '../../platform-wire/model';
import { fail, ok } from '../../contract';
import type { captureApi } from '../../contract/api/capture';
import type { AreaDeps, ServiceArea } from '../area';
import type { ContentPort } from '../content/area';
import { readDocumentCamera } from './camera-setting';
import { PageHolder, type AddRefusal } from './page-holder';

/** What the platform area takes when it files: the pages of the item's materials, then nothing is left here. */
export interface CapturedPagesPort {
  takeForFiling(itemCode: string, materialIds: ReadonlySet<string>): ReturnType<PageHolder['forFiling']>;
}

export interface CaptureArea extends ServiceArea<typeof captureApi> {
  readonly port: CapturedPagesPort;
  wipeSession(): void;
  holdsSession(): boolean;
}

const refusalText: Record<AddRefusal, string> = {
  'not-a-jpeg': 'the page is not a JPEG image',
  'page-too-large': 'the page is larger than a page may be',
  'too-many-pages': 'the application has as many pages as it may carry',
  'application-too-large': 'the pages together would be larger than an application may carry',
};

/**
 * 高拍仪 capture on the services' side: the technician's camera choice, and the pages a person
 * captured held in memory (never on disk) until they are sealed into the outbox with the filing or
 * the session ends.
 */
export function createCaptureArea(deps: AreaDeps, o: { content: ContentPort }): CaptureArea {
  const holder = new PageHolder();
  return {
    port: {
      takeForFiling: (itemCode, materialIds) => {
        const pages = holder.forFiling(itemCode, materialIds);
        holder.clear();
        return pages;
      },
    },
    handlers: {
      'capture.camera': () => ok({ camera: readDocumentCamera(deps.db) }),
      'capture.addPage': ({ itemCode, materialId, jpegBase64, width, height }) => {
        const item = o.content.item(itemCode);
        if (!item?.guide.materials.some((m) => m.id === materialId)) {
          return fail('rejected', 'no such material of this item', { messageKey: 'capture.unknownMaterial' });
        }
        const r = holder.add({ itemCode, materialId, width, height, dataBase64: jpegBase64 });
        if (!r.ok) return fail('rejected', refusalText[r.reason], { messageKey: `capture.${r.reason}`, details: [String(base64Bytes(jpegBase64))] });
        return ok({ ...holder.summary(), pageId: r.page.pageId });
      },
      'capture.removePage': ({ pageId }) => {
        holder.remove(pageId);
        return ok(holder.summary());
      },
    },
    holdsSession: () => holder.size > 0,
    wipeSession: () => holder.clear(),
  };
}
