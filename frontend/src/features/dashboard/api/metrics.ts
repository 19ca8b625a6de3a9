// The dashboard's figures come from the shared API module.
export { type CategoryMetrics, fetchCategoryMetrics, useCategoryMetrics } from '@/lib/api/metrics';
