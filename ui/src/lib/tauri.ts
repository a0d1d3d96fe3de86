import { Channel, invoke } from '@tauri-apps/api/core';
import type { Backend } from './backend';
import { pluginLocate, webLocate } from './location';
import type { Progress } from './types';

/** The device library, through the app's commands (src-tauri/src/lib.rs). */
export const tauriBackend: Backend = {
  session: () => invoke('session'),
  signIn: (serverUrl, login, password, deviceName) => invoke('sign_in', { serverUrl, login, password, deviceName }),
  sync: (onProgress) => {
    const progress = new Channel<Progress>();
    progress.onmessage = onProgress;
    return invoke('sync', { progress });
  },
  status: () => invoke('status'),
  notices: () => invoke('notices'),
  markNoticesSeen: (upTo) => invoke('mark_notices_seen', { upTo }),
  agenda: (today, filter) => invoke('agenda', { today, filter }),
  route: (today, from) => invoke('route', { today, from }),
  search: (query, today) => invoke('search', { query, today }),
  filterOptions: () => invoke('filter_options'),
  debtorFile: (debtorId, today) => invoke('debtor_file', { debtorId, today }),
  contactRules: (debtorId, channel, at) => invoke('contact_rules', { debtorId, channel, at }),
  saveActivity: (debtorId, kind, body) => invoke('save_activity', { debtorId, kind, body }),
  editActivity: (id, kind, body) => invoke('edit_activity', { id, kind, body }),
  cancelPromise: (id) => invoke('cancel_promise', { id }),
  planPreview: (debtorId, request) => invoke('plan_preview', { debtorId, request }),
  acceptCounterOffer: (id) => invoke('accept_counter_offer', { id }),
  agreement: (id) => invoke('agreement', { id }),
  saveAgreementPdf: (id) => invoke('save_agreement_pdf', { id }),
  addToAccount: (debtorId, addition) => invoke('add_to_account', { debtorId, addition }),
  // Raw bytes, not JSON: a photo is hundreds of kilobytes.
  attachPhoto: (bytes) => invoke('attach_photo', bytes),
  photo: (blob) => invoke('photo', { blob }),
  messageDrafts: (debtorId, today) => invoke('message_drafts', { debtorId, today }),
  locate: async () => ((await invoke<boolean>('location_plugin')) ? pluginLocate() : webLocate()),
  signOut: (discard) => invoke('sign_out', { discard }),
};
