import { documentCamera, type DocumentCamera } from '../../contract/api/capture';
import { SettingsRepository, type Database } from '../store/database';

const KEY = 'capture.documentCamera';

/** The document camera (高拍仪) a technician chose in admin mode: kept with the kiosk's settings. */
export function readDocumentCamera(db: Database): DocumentCamera | null {
  const raw = new SettingsRepository(db).get(KEY);
  if (!raw) return null;
  try {
    const parsed = documentCamera.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves the choice; null forgets it (one camera alone is then used as it is). */
export function writeDocumentCamera(db: Database, camera: DocumentCamera | null): void {
  new SettingsRepository(db).set(KEY, camera ? JSON.stringify(camera) : '');
}
