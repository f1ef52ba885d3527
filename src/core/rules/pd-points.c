/* pd-points.c: an estimate of the A/B/C category from the points table
 *
 * The table (salary, education, experience, time in China, Chinese, age, bonus) is
 * data in the national rule set; the result is only ever an estimate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-points.h"
#include "pd-rules-private.h"

/* Bands are listed best first; the first one the value reaches counts. */
static int
band_points (GArray *bands,
             double  value)
{
  for (guint i = 0; i < bands->len; i++)
    {
      const PdPointsBand *band = &g_array_index (bands, PdPointsBand, i);

      if (value >= band->min && (band->max < 0 || value <= band->max))
        return band->points;
    }

  return 0;
}

gboolean
pd_points_estimate (PdRules                *rules,
                    const PdPointsFactors  *factors,
                    PdPointsEstimate       *estimate,
                    GError                **error)
{
  PdRulesData *data;
  const PdPointsTable *table;
  gboolean zh;

  g_return_val_if_fail (PD_IS_RULES (rules), FALSE);
  g_return_val_if_fail (factors != NULL, FALSE);
  g_return_val_if_fail (estimate != NULL, FALSE);
  g_return_val_if_fail ((guint) factors->education <= PD_EDUCATION_DOCTORATE, FALSE);

  data = pd_rules_get_data (rules);
  if (data == NULL || !data->points.defined)
    {
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_NOT_LOADED,
                   _("The rules in force have no points table"));
      return FALSE;
    }

  table = &data->points;
  zh = pd_rules_is_chinese (rules);
  *estimate = (PdPointsEstimate) { 0 };
  estimate->salary = band_points (table->salary, factors->salary_multiple);
  estimate->education = table->education[factors->education];
  if (factors->experience_years >= table->experience_min_years)
    estimate->experience = MIN (factors->experience_years * table->experience_per_year,
                                table->experience_max);
  estimate->time_in_china = band_points (table->months_in_china, factors->months_in_china);
  estimate->chinese = MIN (MAX (factors->hsk_level, 0) * table->hsk_per_level, table->hsk_max);
  estimate->age = band_points (table->age, factors->age);
  estimate->bonus = MIN (MAX (factors->bonus_items, 0) * table->bonus_each, table->bonus_max);
  estimate->total = estimate->salary + estimate->education + estimate->experience +
                    estimate->time_in_china + estimate->chinese + estimate->age + estimate->bonus;

  if (estimate->total >= table->threshold_a)
    estimate->category = PD_PERMIT_CATEGORY_A;
  else if (estimate->total >= table->threshold_b)
    estimate->category = PD_PERMIT_CATEGORY_B;
  else
    estimate->category = PD_PERMIT_CATEGORY_C;

  estimate->is_estimate = TRUE;
  estimate->confirmed = table->confirmed;
  estimate->source_title = pd_text_get (&table->source->title, zh);
  estimate->source_url = table->source->url;

  return TRUE;
}
