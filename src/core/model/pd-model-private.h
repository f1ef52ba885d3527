/* pd-model-private.h: helpers shared by the model types, not part of the API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  pd_model_set_string    (char              **slot,
                                  const char         *value);
gboolean  pd_model_set_date      (GDate             **slot,
                                  const GDate        *value);
gboolean  pd_model_set_date_time (GDateTime         **slot,
                                  GDateTime          *value);
gboolean  pd_model_date_equal    (const GDate        *a,
                                  const GDate        *b);
GObject  *pd_model_object_copy   (GObject            *source);
void      pd_model_object_apply  (GObject            *target,
                                  GObject            *source);
gboolean  pd_model_object_equal  (GObject            *a,
                                  GObject            *b);
char     *pd_model_new_id        (const char         *id);

/* The change stamp and cache slot of a case without type checks, for loops that
 * touch every one of 100,000 cases per keystroke or sort (see pd_case_get_cache()). */
typedef struct _PdCase PdCase;
gpointer  pd_case_peek_cache     (PdCase             *self,
                                  guint              *stamp);

/* Loading: cases built by the store, their documents and filings read on first
 * use (see pd-store-load.c). */
typedef struct {
  gboolean (*load)    (gpointer    data,
                       PdCase     *item,
                       GListStore *documents,
                       GListStore *filings);
  void     (*release) (gpointer    data);
} PdCaseListsLoader;

PdCase   *pd_case_new_for_load     (const char              *id);
void      pd_case_set_lists_loader (PdCase                  *self,
                                    const PdCaseListsLoader *loader,
                                    gpointer                 data);
gboolean  pd_case_lists_loaded     (PdCase                  *self);
void      pd_case_unload_lists     (PdCase                  *self);

G_END_DECLS
