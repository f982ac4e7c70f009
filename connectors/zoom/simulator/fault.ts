/**
 * A Zoom error thrown from deep inside a route: Zoom's body carries its own code (124, 300,
 * 1001, 4711...), which the kit's SimError (status and message only) cannot, so the Zoom
 * routes catch this one and answer it themselves.
 */
import { json, type SimResponse } from '../../simulator-kit/index.js';
import { zoomErrorBody } from './state.js';

export class ZoomFault extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  response(): SimResponse {
    return json(this.status, zoomErrorBody(this.status, this.message, this.code), this.headers);
  }
}
