/* pd-points.h: an estimate of the A/B/C category from the points table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-enums.h"
#include "pd-rules.h"

G_BEGIN_DECLS

typedef struct {
  double      salary_multiple;   /* annual salary / the city's average salary of last year */
  PdEducation education;
  int         experience_years;  /* relevant work experience */
  int         months_in_china;   /* per year */
  int         hsk_level;         /* 0 when none */
  int         age;
  int         bonus_items;       /* e.g. a top-university degree, a Fortune 500 employer */
} PdPointsFactors;

typedef struct {
  int               salary;
  int               education;
  int               experience;
  int               time_in_china;
  int               chinese;
  int               age;
  int               bonus;
  int               total;
  PdPermitCategory  category;
  gboolean          is_estimate;   /* always TRUE: only the authority decides */
  gboolean          confirmed;     /* the points table is confirmed by its source */
  const char       *source_title;
  const char       *source_url;
} PdPointsEstimate;

gboolean pd_points_estimate (PdRules                *rules,
                             const PdPointsFactors  *factors,
                             PdPointsEstimate       *estimate,
                             GError                **error);

G_END_DECLS
