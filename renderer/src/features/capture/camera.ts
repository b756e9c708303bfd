import type { DocumentCamera } from '../../../../contract';

/** Why the document camera cannot be used, each said in words on screen. */
export type CameraProblem = 'absent' | 'denied' | 'not-chosen' | 'busy';

export class CameraUnavailable extends Error {
  constructor(readonly problem: CameraProblem) {
    super(problem);
  }
}

const problemOf = (e: unknown): CameraProblem => {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'absent';
};

/**
 * The camera's largest usual mode: document cameras offer 5 MP (2592 × 1944) and more, and a sheet's
 * text needs the pixels (the page is cut out of the frame, never enlarged). Chromium picks the nearest.
 */
const video = (deviceId?: string): MediaStreamConstraints => ({
  audio: false,
  video: { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 2592 }, height: { ideal: 1944 } },
});

/**
 * Opens the document camera (高拍仪): the one a technician chose in admin mode (by its id, else by its
 * name, since ids can change when it is replugged); with no choice, the only camera there is. Two or
 * more cameras and no choice: the kiosk does not guess which one looks at the paper.
 */
export async function openDocumentCamera(chosen: DocumentCamera | null): Promise<MediaStream> {
  const media = navigator.mediaDevices;
  if (!media?.getUserMedia) throw new CameraUnavailable('absent');
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia(video(chosen?.deviceId));
  } catch (e) {
    if (!chosen || problemOf(e) === 'denied') throw new CameraUnavailable(problemOf(e));
    // The chosen id is gone (replugged): the camera with the chosen name, if there is one.
    const byLabel = (await media.enumerateDevices()).find((d) => d.kind === 'videoinput' && d.label === chosen.label);
    if (!byLabel) throw new CameraUnavailable('absent');
    try {
      stream = await media.getUserMedia(video(byLabel.deviceId));
    } catch (e2) {
      throw new CameraUnavailable(problemOf(e2));
    }
  }
  if (!chosen) {
    const cameras = (await media.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (cameras.length > 1) {
      for (const t of stream.getTracks()) t.stop();
      throw new CameraUnavailable('not-chosen');
    }
  }
  return stream;
}

/** The cameras the browser sees, for admin mode's choice (names need a stream opened once). */
export async function listCameras(): Promise<DocumentCamera[]> {
  const media = navigator.mediaDevices;
  if (!media?.enumerateDevices) return [];
  try {
    const s = await media.getUserMedia({ video: true, audio: false });
    for (const t of s.getTracks()) t.stop();
  } catch {
    // Without a stream the names may be empty; the ids still tell the cameras apart.
  }
  return (await media.enumerateDevices()).filter((d) => d.kind === 'videoinput' && d.deviceId).map((d, i) => ({ deviceId: d.deviceId, label: d.label || `camera ${i + 1}` }));
}

export const stopStream = (s: MediaStream | null): void => {
  for (const t of s?.getTracks() ?? []) t.stop();
};
