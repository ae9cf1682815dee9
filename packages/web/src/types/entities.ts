/** Entity shapes of contract 2.17–2.21 (display fields only). */
export interface Patient {
  _id: string;
  first_name: string;
  last_name: string;
  personal_id: string;
  date_of_birth: string;
  gender: string;
  address: string;
  phone: string;
  citizenship: string;
}
export interface Doctor {
  _id: string;
  first_name: string;
  last_name: string;
  health_authority_id: string;
  health_authority_name?: string;
}
export interface HealthAuthority {
  _id: string;
  name: string;
  type: string;
  address: string;
  phone: string;
}
export interface CentralAuthority {
  _id: string;
  name: string;
}
