/* pd-model-private.h: helpers shared by the model types, not part of the API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

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

G_END_DECLS
