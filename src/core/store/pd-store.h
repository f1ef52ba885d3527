/* pd-store.h: the cases on disk, in an SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_STORE_ERROR (pd_store_error_quark ())

typedef enum {
  PD_STORE_ERROR_FAILED,
  PD_STORE_ERROR_CORRUPT,
  PD_STORE_ERROR_FOREIGN,
  PD_STORE_ERROR_TOO_NEW,
  PD_STORE_ERROR_NOT_EMPTY,
} PdStoreError;

#define PD_TYPE_STORE (pd_store_get_type ())

G_DECLARE_FINAL_TYPE (PdStore, pd_store, PD, STORE, GObject)

GQuark      pd_store_error_quark (void);

PdStore    *pd_store_open        (const char  *path,
                                  GError     **error);
const char *pd_store_get_path    (PdStore     *self);
GListModel *pd_store_get_cases   (PdStore     *self);
gboolean    pd_store_save_case   (PdStore     *self,
                                  PdCase      *item,
                                  GError     **error);
gboolean    pd_store_save_cases  (PdStore     *self,
                                  PdCase     **items,
                                  guint        n_items,
                                  GError     **error);
gboolean    pd_store_delete_case (PdStore     *self,
                                  PdCase      *item,
                                  GError     **error);
gboolean    pd_store_is_empty    (PdStore     *self);
guint       pd_store_count_pending_changes (PdStore *self);

G_END_DECLS
