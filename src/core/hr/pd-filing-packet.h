/* pd-filing-packet.h: the papers to take to a city window for one case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "pd-case-index.h"

G_BEGIN_DECLS

#define PD_TYPE_FILING_PACKET (pd_filing_packet_get_type ())

G_DECLARE_FINAL_TYPE (PdFilingPacket, pd_filing_packet, PD, FILING_PACKET, GObject)

PdFilingPacket *pd_filing_packet_new         (PdCase         *item,
                                              PdChecklist    *checklist);
int             pd_filing_packet_get_n_pages (PdFilingPacket *self);
void            pd_filing_packet_draw_page   (PdFilingPacket *self,
                                              cairo_t        *cr,
                                              double          width,
                                              double          height,
                                              int             page);
gboolean        pd_filing_packet_export_pdf  (PdFilingPacket *self,
                                              const char     *path,
                                              GError        **error);

G_END_DECLS
