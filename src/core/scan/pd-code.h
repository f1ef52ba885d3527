/* pd-code.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PD_CODE_SOURCE_CAMERA,
  PD_CODE_SOURCE_SCANNER, /* USB keyboard wedge */
  PD_CODE_SOURCE_IMAGE,
  PD_CODE_SOURCE_PDF,
  PD_CODE_SOURCE_TYPED,
  PD_CODE_SOURCE_CLIPBOARD,
} PdCodeSource;

typedef enum
{
  PD_CODE_FORMAT_UNKNOWN,
  PD_CODE_FORMAT_SIGNED_PERMIT,
  PD_CODE_FORMAT_ONLINE_TOKEN,
  PD_CODE_FORMAT_PERMIT_NUMBER,
} PdCodeFormat;

typedef struct
{
  double x, y;
} PdPoint;

#define PD_TYPE_CODE (pd_code_get_type ())
G_DECLARE_FINAL_TYPE (PdCode, pd_code, PD, CODE, GObject)

PdCode        *pd_code_new             (GBytes             *bytes,
                                        PdCodeSource        source);
PdCode        *pd_code_new_for_text    (const char         *text,
                                        PdCodeSource        source);
const char    *pd_code_get_text        (PdCode             *self);
GBytes        *pd_code_get_bytes       (PdCode             *self);
PdCodeSource   pd_code_get_source      (PdCode             *self);
GDateTime     *pd_code_get_time        (PdCode             *self);
const char    *pd_code_get_symbology   (PdCode             *self);
void           pd_code_set_symbology   (PdCode             *self,
                                        const char         *symbology);
const PdPoint *pd_code_get_corners     (PdCode             *self,
                                        guint              *n_corners);
void           pd_code_set_corners     (PdCode             *self,
                                        const PdPoint      *corners,
                                        guint               n_corners);
const char    *pd_code_get_file        (PdCode             *self);
int            pd_code_get_page        (PdCode             *self);
void           pd_code_set_origin      (PdCode             *self,
                                        const char         *file,
                                        int                 page);
PdCodeFormat   pd_code_get_format      (PdCode             *self);
PdCodeFormat   pd_code_format_sniff    (const char         *text);
const char    *pd_code_format_to_label (PdCodeFormat        format);
const char    *pd_code_source_to_label (PdCodeSource        source);

G_END_DECLS
